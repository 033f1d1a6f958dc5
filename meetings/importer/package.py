"""Check that an uploaded file is a safe, plain .docx before any XML parser sees it.

Everything here works on untrusted bytes: sizes are checked before reading,
parts are inflated in chunks with a cap (zip headers can lie), XML parts are
refused if they declare a DOCTYPE or entities, and are then parsed with
entity resolution and network access off. Refusals are ``ImportRefused`` with
one line naming the problem.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from meetings.importer import ImportRefused

MB = 1024 * 1024
DOCX_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN_CONTENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE_MAIN_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
OFFICE_DOCUMENT_RELATIONSHIP = "/officeDocument"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Well-formed Word XML compresses about 5-20 to 1; an entry far past that, and big, is a bomb.
RATIO_CHECK_FROM_BYTES = 1 * MB
READ_CHUNK = 64 * 1024
# Word never writes a DTD; any declaration is an entity attack (XXE, billion laughs) until proven otherwise.
DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

# ISO/IEC 29500 Strict uses its own namespaces; Word reads them as the transitional ones.
STRICT_NAMESPACES = (
    (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    ),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
)

XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


@dataclass(frozen=True)
class Limits:
    """How big an upload may be, packed and unpacked."""

    upload_bytes: int = 10 * MB
    zip_entries: int = 500
    entry_bytes: int = 20 * MB
    total_bytes: int = 60 * MB
    compression_ratio: int = 200


@dataclass(frozen=True)
class Relationship:
    type: str  # the relationship type URI, transitional namespace
    target: str  # a part name without leading "/", or an external URL
    external: bool


def _size(n: int) -> str:
    if n >= MB and n % MB == 0:
        return f"{n // MB} MB"
    if n >= MB:
        return f"{n / MB:.1f} MB"
    return f"{n} bytes"


def _quote(name: str) -> str:
    """A part name fit for a one-line message."""
    shown = name if len(name) <= 80 else name[:77] + "..."
    return repr(shown)


class Package:
    """A checked .docx: its parts, their content types, and capped reading of their XML."""

    def __init__(self, archive: zipfile.ZipFile, *, limits: Limits):
        self.archive = archive
        self.limits = limits
        self.names = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        self.lower_names = {name.lower(): name for name in self.names}
        self.inflated = 0
        self.content_types: dict[str, str] = {}
        self.main_part = ""
        self._relationships: dict[str, dict[str, Relationship]] = {}

    def content_type(self, name: str) -> str:
        """The content type [Content_Types].xml gives a part ("" if none)."""
        override = self.content_types.get("/" + name.lower())
        if override is not None:
            return override
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        return self.content_types.get(extension, "")

    def read(self, name: str) -> bytes:
        """A part's bytes, inflated in chunks and refused as soon as they pass the limits."""
        info = self.names[name]
        cap = min(self.limits.entry_bytes, self.limits.total_bytes - self.inflated)
        chunks = []
        size = 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(READ_CHUNK):
                    size += len(chunk)
                    if size > self.limits.entry_bytes:
                        raise ImportRefused(
                            f"The part {_quote(name)} unpacks to more than "
                            f"{_size(self.limits.entry_bytes)}; refusing a possible zip bomb."
                        )
                    if size > cap:
                        raise ImportRefused(
                            f"The file unpacks to more than {_size(self.limits.total_bytes)}; "
                            "refusing a possible zip bomb."
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            raise ImportRefused(
                f"The part {_quote(name)} is damaged and cannot be unpacked ({_one_line(error)})."
            ) from error
        self.inflated += size
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element | None:
        """A part parsed safely, Strict namespaces made transitional; None if the part is absent."""
        if name not in self.names:
            return None
        data = self.read(name)
        return parse_xml(data, name=name)

    def relationships(self, source: str) -> dict[str, Relationship]:
        """The relationships of a part ("" for the package), by id, targets resolved to part names."""
        if source not in self._relationships:
            self._relationships[source] = self._read_relationships(source)
        return self._relationships[source]

    def _read_relationships(self, source: str) -> dict[str, Relationship]:
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        root = self.xml(rels_name)
        if root is None:
            return {}
        found = {}
        for element in root.iter(f"{RELATIONSHIPS_NS}Relationship"):
            r_id = element.get("Id", "")
            target = element.get("Target", "")
            external = element.get("TargetMode", "") == "External"
            if not external:
                target = _part_name(folder, target)
                target = self.lower_names.get(target.lower(), target)  # part names ignore case
            found[r_id] = Relationship(type=element.get("Type", ""), target=target, external=external)
        return found

    def related(self, source: str, type_suffix: str) -> str | None:
        """The first internal part a part relates to with a type ending in ``type_suffix``."""
        for relationship in self.relationships(source).values():
            if (
                not relationship.external
                and relationship.type.endswith(type_suffix)
                and relationship.target in self.names
            ):
                return relationship.target
        return None


def _part_name(folder: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/") if path else ""


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__


def parse_xml(data: bytes, *, name: str) -> etree._Element:
    """Parse one untrusted XML part: no DOCTYPE or entities, valid UTF-8 (or UTF-16 with a BOM)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportRefused(f"The part {_quote(name)} is not valid UTF-16 text.") from error
        data = text.encode("utf-8").replace(b'encoding="UTF-16"', b'encoding="UTF-8"', 1)
        data = data.replace(b"encoding='UTF-16'", b"encoding='UTF-8'", 1).lstrip(b"\xef\xbb\xbf")
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ImportRefused(
                f"The part {_quote(name)} is not valid UTF-8 text (bad byte at position {error.start})."
            ) from error
    if DECLARATION.search(data):
        raise ImportRefused(
            f"The part {_quote(name)} declares a DOCTYPE or entities, which Word never writes; refused."
        )
    if b"purl.oclc.org/ooxml/" in data:
        for strict, transitional in STRICT_NAMESPACES:
            data = data.replace(strict, transitional)
    try:
        return etree.fromstring(data, parser=XML_PARSER)
    except etree.XMLSyntaxError as error:
        raise ImportRefused(
            f"The part {_quote(name)} is not well-formed XML ({_one_line(error)})."
        ) from error


def check_package(data: bytes, *, limits: Limits) -> Package:
    """Refuse anything but a safe, plain .docx; return it opened, with its main part found."""
    if not data:
        raise ImportRefused("The file is empty.")
    if len(data) > limits.upload_bytes:
        raise ImportRefused(
            f"The file is {_size(len(data))}, larger than the {_size(limits.upload_bytes)} allowed."
        )
    if data.startswith(OLE2_MAGIC):
        if _is_encrypted_ole(data):
            raise ImportRefused(
                "The file is password-protected (encrypted); remove the password in Word and save it again."
            )
        raise ImportRefused("This is an old Word 97-2003 .doc file; save it as .docx.")
    if not data.startswith(ZIP_MAGICS):
        raise ImportRefused("The file is not a Word .docx document (it is not a zip package).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise ImportRefused(
            f"The file is damaged or incomplete (truncated zip: {_one_line(error)})."
        ) from error

    infos = archive.infolist()
    if len(infos) > limits.zip_entries:
        raise ImportRefused(f"The file has {len(infos)} parts, more than the {limits.zip_entries} allowed.")
    _check_entries(infos, data_size=len(data), limits=limits)

    package = Package(archive, limits=limits)
    if "[Content_Types].xml" not in package.names:
        raise ImportRefused("The file has no [Content_Types].xml, so it is not a Word document.")
    _read_content_types(package)
    if any(name.lower().endswith("vbaproject.bin") for name in package.names):
        raise ImportRefused("The file contains macros (.docm); save it as a plain Word document (.docx).")

    main = package.related("", OFFICE_DOCUMENT_RELATIONSHIP) or "word/document.xml"
    if main not in package.names:
        raise ImportRefused("The file has no main document part (word/document.xml); it is not a .docx.")
    content_type = package.content_type(main)
    if content_type == MACRO_MAIN_CONTENT_TYPE:
        raise ImportRefused("The file contains macros (.docm); save it as a plain Word document (.docx).")
    if content_type in TEMPLATE_MAIN_CONTENT_TYPES:
        raise ImportRefused("The file is a Word template (.dotx); save it as a Word document (.docx).")
    if content_type != DOCX_MAIN_CONTENT_TYPE:
        shown = content_type or "none"
        raise ImportRefused(
            f"The main part {_quote(main)} has content type {shown[:100]!r}, not a Word document's."
        )
    package.main_part = main
    return package


def _check_entries(infos: list[zipfile.ZipInfo], *, data_size: int, limits: Limits) -> None:
    seen = set()
    declared_total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise ImportRefused(f"The file contains a part with an unsafe name: {_quote(name)}.")
        if name.lower() in seen:
            raise ImportRefused(f"The file contains the part {_quote(name)} twice.")
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            raise ImportRefused(
                "The file is password-protected (encrypted); remove the password in Word and save it again."
            )
        if info.file_size > limits.entry_bytes:
            raise ImportRefused(
                f"The part {_quote(name)} unpacks to more than {_size(limits.entry_bytes)}; "
                "refusing a possible zip bomb."
            )
        declared_total += info.file_size
        if declared_total > limits.total_bytes:
            raise ImportRefused(
                f"The file unpacks to more than {_size(limits.total_bytes)}; refusing a possible zip bomb."
            )
        if info.file_size > RATIO_CHECK_FROM_BYTES and info.file_size > limits.compression_ratio * max(
            info.compress_size, 1
        ):
            raise ImportRefused(
                f"The part {_quote(name)} is compressed more than {limits.compression_ratio} to 1; "
                "refusing a possible zip bomb."
            )
        if info.compress_size > data_size:
            raise ImportRefused(f"The file is damaged: the part {_quote(name)} is larger than the file.")


def _read_content_types(package: Package) -> None:
    root = package.xml("[Content_Types].xml")
    for element in root:
        if element.tag == f"{CONTENT_TYPES_NS}Default":
            package.content_types[element.get("Extension", "").lower()] = element.get("ContentType", "")
        elif element.tag == f"{CONTENT_TYPES_NS}Override":
            package.content_types[element.get("PartName", "").lower()] = element.get("ContentType", "")


def _is_encrypted_ole(data: bytes) -> bool:
    """Whether an OLE2 (compound file) holds the streams Office writes for password-protected files."""
    names = _ole_directory_names(data)
    return bool({"EncryptionInfo", "EncryptedPackage"} & names)


def _ole_directory_names(data: bytes) -> set[str]:
    """The entry names in an OLE2 compound file's directory; empty if it cannot be read."""
    try:
        sector_shift = struct.unpack_from("<H", data, 30)[0]
        if not 7 <= sector_shift <= 16:
            return set()
        sector_size = 1 << sector_shift
        first_directory = struct.unpack_from("<I", data, 48)[0]
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s < 0xFFFFFFFA]

        def sector(number: int) -> bytes:
            start = (number + 1) * sector_size
            return data[start : start + sector_size]

        fat: list[int] = []
        for number in fat_sectors:
            chunk = sector(number)
            fat.extend(struct.unpack(f"<{len(chunk) // 4}I", chunk[: len(chunk) // 4 * 4]))
        names = set()
        current = first_directory
        visited = set()
        while current < 0xFFFFFFFA and current not in visited and len(visited) < 10_000:
            visited.add(current)
            chunk = sector(current)
            for offset in range(0, len(chunk) - 127, 128):
                length = struct.unpack_from("<H", chunk, offset + 64)[0]
                if 2 <= length <= 64:
                    names.add(chunk[offset : offset + length - 2].decode("utf-16-le", "replace"))
            current = fat[current] if current < len(fat) else 0xFFFFFFFE
        return names
    except struct.error:
        return set()
