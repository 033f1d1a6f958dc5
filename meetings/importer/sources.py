"""Where reports to import come from: files, folders and .zip archives of .docx reports.

Nothing is extracted to disk: an archive's reports are read into memory one at
a time, after checks that keep a hostile archive harmless. Each source is
named as the user would find it ("reports.zip/2016/meeting-vi.docx"), and one
that cannot be read carries the reason, so the import can list it as refused.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from meetings.importer import ImportRefused
from meetings.importer.package import MB

ARCHIVE_SUFFIXES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz")
# Files a folder or archive holds that are nobody's report: never listed.
_SYSTEM_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class ArchiveLimits:
    """How much one archive of reports may hold."""

    members: int = 5_000  # files in the archive
    member_bytes: int = 10 * MB  # one report, unpacked (an upload's limit)
    total_bytes: int = 1_000 * MB  # all reports, unpacked
    compression_ratio: int = 200  # unpacked / packed, per report: more is a zip bomb


@dataclass
class Source:
    """One report to import: its name, and how to read its bytes (or why it cannot be)."""

    name: str
    read: Callable[[], bytes] | None = None
    problem: str = ""  # set when the source is refused before it is read

    def data(self) -> bytes:
        if self.problem or self.read is None:
            raise ImportRefused(self.problem or "cannot be read")
        return self.read()


def collect(paths: list[str], *, limits: ArchiveLimits | None = None) -> list[Source]:
    """The reports named by ``paths``: files, every file in folders (recursively), every member of
    .zip archives; in the order given, folders and archives sorted by name."""
    limits = limits or ArchiveLimits()
    sources: list[Source] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            sources += _folder(path, limits) or [Source(name, problem="the folder holds no report to import")]
        elif path.suffix.lower() == ".zip" and path.is_file():
            sources += _archive(path, name, limits) or [Source(name, problem="the archive holds no report")]
        else:
            sources.append(_file(path, name))
    return sources


def _file(path: Path, name: str) -> Source:
    if not path.exists():
        return Source(name, problem="no such file")
    if not path.is_file():
        return Source(name, problem="not a regular file")
    problem = _not_a_report(path.name)
    if problem:
        return Source(name, problem=problem)

    def read() -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise ImportRefused(f"cannot be read: {error.strerror or error}") from None

    return Source(name, read=read)


def _folder(folder: Path, limits: ArchiveLimits) -> list[Source]:
    sources = []
    # os.walk does not follow links to folders, so a link cannot loop or lead outside.
    for root, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for file_name in sorted(files):
            if _ignored(file_name):
                continue
            path = Path(root) / file_name
            if path.suffix.lower() == ".zip":
                sources += _archive(path, str(path), limits)
            else:
                sources.append(_file(path, str(path)))
    return sources


def _ignored(name: str) -> bool:
    lowered = name.lower()
    # Word's lock files ("~$report.docx"), hidden files, system files.
    return lowered.startswith(("~$", ".")) or lowered in _SYSTEM_NAMES


def _not_a_report(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".docx"):
        return ""
    if lowered.endswith(".doc"):
        return "an old Word (.doc) file; open it in Word and save it as .docx"
    if lowered.endswith(ARCHIVE_SUFFIXES):
        return "an archive inside an archive is not opened; import it on its own"
    suffix = PurePosixPath(lowered).suffix
    return f"not a .docx report ({suffix} file)" if suffix else "not a .docx report"


def _archive(path: Path, name: str, limits: ArchiveLimits) -> list[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return [Source(name, problem=f"not a readable .zip archive: {error}")]
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > limits.members:
            return [
                Source(
                    name,
                    problem=f"the archive holds {len(members)} files, more than the {limits.members} "
                    "an archive may hold; split it",
                )
            ]
        sources = []
        total = 0
        for info in members:
            member_name = f"{name}/{info.filename}"
            base = PurePosixPath(info.filename.replace("\\", "/")).name
            if _ignored(base) or info.filename.startswith("__MACOSX/"):
                continue
            problem = _unsafe_member(info) or _not_a_report(base) or _too_big(info, total, limits)
            if problem:
                sources.append(Source(member_name, problem=problem))
                continue
            total += info.file_size
            sources.append(Source(member_name, read=_member_reader(path, info, limits)))
    return sources


def _too_big(info: zipfile.ZipInfo, total: int, limits: ArchiveLimits) -> str:
    """Why a member's declared sizes are refused, or "" (the read checks again what it gets)."""
    if info.file_size > limits.member_bytes:
        size = f"{info.file_size / MB:.0f} MB"
        return f"{size} unpacked, more than the {limits.member_bytes // MB} MB a report may be"
    if info.compress_size and info.file_size / info.compress_size > limits.compression_ratio:
        ratio = info.file_size / info.compress_size
        return f"packed {ratio:.0f} times, more than {limits.compression_ratio}: refused as a zip bomb"
    if total + info.file_size > limits.total_bytes:
        return f"the archive unpacks to more than {limits.total_bytes // MB} MB; the rest is not read"
    return ""


def _unsafe_member(info: zipfile.ZipInfo) -> str:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in parts:
        return "a path outside the archive (absolute or with ..); refused"
    if info.flag_bits & 0x1:
        return "encrypted; refused"
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return "a symbolic link; refused"
    return ""


def _member_reader(path: Path, info: zipfile.ZipInfo, limits: ArchiveLimits) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with zipfile.ZipFile(path) as archive, archive.open(info) as member:
                # Never trust the sizes the archive declares: read at most the limit, plus one byte.
                data = member.read(limits.member_bytes + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as error:
            raise ImportRefused(f"cannot be read from the archive: {error}") from None
        if len(data) > limits.member_bytes:
            raise ImportRefused(f"more than the {limits.member_bytes // MB} MB a report may be, unpacked")
        return data

    return read
