"""Which address a request came from, when a reverse proxy stands in front."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the entry the outermost trusted proxy added.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so the client is the TRUSTED_PROXY_COUNT-th entry from
    the right; entries further left were written by the client and prove nothing.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
