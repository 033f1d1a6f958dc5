"""Load and failure drills against a real gunicorn on the loopback interface.

``python -m loadtest`` (make loadtest) measures throughput and latency;
``python -m loadtest.chaos`` (make chaos) restarts PostgreSQL under load.
"""
