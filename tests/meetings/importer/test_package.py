"""The package check: what is refused before any XML parser sees the file, and how it is said."""

import io
import struct
import warnings
import zipfile

import pytest

from meetings.importer import ImportRefused
from meetings.importer.package import MB, Limits, check_package
from meetings.importer.reader import read_document
from meetings.importer.services import report_limits
from tests.meetings.importer.docx_builders import (
    DOCM_MAIN,
    build_docx,
    content_types,
    docx_parts,
    footnote,
    p,
    r,
    r_footnote,
    zip_bytes,
)

LIMITS = Limits()


def refusal(data: bytes, limits: Limits = LIMITS) -> str:
    with pytest.raises(ImportRefused) as caught:
        check_package(data, limits=limits)
    message = str(caught.value)
    assert "\n" not in message
    return message


def ole_file(*stream_names: str) -> bytes:
    """A minimal OLE2 compound file (as .doc and encrypted .docx files are) holding empty streams."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # the directory starts at sector 1
    struct.pack_into("<III", header, 56, 4096, 0xFFFFFFFE, 0)
    struct.pack_into("<II", header, 68, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 76, 0, *([0xFFFFFFFF] * 108))
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)
    directory = bytearray()
    for kind, name in [(5, "Root Entry"), *((2, stream) for stream in stream_names)]:
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<I", entry, 116, 0xFFFFFFFE)
        directory += entry
    directory += b"\x00" * (sector - len(directory) % sector)
    return bytes(header + fat + directory)


def test_check_package_accepts_a_plain_docx():
    package = check_package(build_docx(p("Hello")), limits=LIMITS)
    assert package.main_part == "word/document.xml"
    assert package.content_type("word/document.xml").endswith("document.main+xml")


def test_check_package_refuses_zero_bytes():
    assert refusal(b"") == "The file is empty."


def test_check_package_refuses_what_is_not_a_zip():
    assert refusal(b"%PDF-1.7\n...") == "The file is not a Word .docx document (it is not a zip package)."


def test_check_package_refuses_a_truncated_zip():
    data = build_docx(p("Hello"))
    assert refusal(data[: len(data) // 2]) == (
        "The file is damaged or incomplete (truncated zip: File is not a zip file)."
    )


def test_check_package_refuses_an_old_doc_file():
    assert (
        refusal(ole_file("WordDocument", "1Table"))
        == "This is an old Word 97-2003 .doc file; save it as .docx."
    )


def test_check_package_refuses_a_password_protected_file():
    encrypted = ole_file("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage")
    assert refusal(encrypted) == (
        "The file is password-protected (encrypted); remove the password in Word and save it again."
    )


def test_check_package_refuses_a_zip_with_encrypted_entries():
    data = bytearray(build_docx(p("x")))
    # Set the "encrypted" flag bit in every local and central header.
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + flag_offset] |= 1
            start += 4
    assert refusal(bytes(data)) == (
        "The file is password-protected (encrypted); remove the password in Word and save it again."
    )


def test_check_package_refuses_macro_enabled_documents():
    macro = "The file contains macros (.docm); save it as a plain Word document (.docx)."
    assert refusal(build_docx(p("x"), main_content_type=DOCM_MAIN)) == macro
    assert refusal(build_docx(p("x"), extra_parts={"word/vbaProject.bin": b"\x00" * 64})) == macro


def test_check_package_refuses_other_main_content_types():
    template = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    assert refusal(build_docx(p("x"), main_content_type=template)) == (
        "The file is a Word template (.dotx); save it as a Word document (.docx)."
    )
    assert refusal(build_docx(p("x"), main_content_type="text/plain")) == (
        "The main part 'word/document.xml' has content type 'text/plain', not a Word document's."
    )


def test_check_package_refuses_a_file_over_the_upload_limit():
    assert refusal(b"PK\x03\x04" + b"\x00" * (10 * MB)) == (
        "The file is 10.0 MB, larger than the 10 MB allowed."
    )
    small = Limits(upload_bytes=1000)
    data = build_docx(p("x" * 5000))
    assert refusal(data, small) == f"The file is {len(data)} bytes, larger than the 1000 bytes allowed."


def test_check_package_refuses_too_many_entries():
    parts = docx_parts(p("x"))
    parts.update({f"word/media/image{n}.png": b"png" for n in range(500)})
    assert refusal(zip_bytes(parts)) == f"The file has {len(parts)} parts, more than the 500 allowed."


def test_check_package_refuses_an_entry_declared_past_the_entry_limit():
    small = Limits(entry_bytes=64 * 1024)
    data = build_docx(p("x"), extra_parts={"word/media/big.png": b"\x00" * (64 * 1024 + 1)})
    assert refusal(data, small) == (
        "The part 'word/media/big.png' unpacks to more than 65536 bytes; refusing a possible zip bomb."
    )


def test_check_package_refuses_a_20_mb_bomb_at_the_default_limits():
    bomb = build_docx(p("x"), extra_parts={"word/media/image1.png": bytes(20 * MB + 1)})
    assert len(bomb) < 100 * 1024  # zeros squeeze into some 20 KB
    assert refusal(bomb) == (
        "The part 'word/media/image1.png' unpacks to more than 20 MB; refusing a possible zip bomb."
    )


def test_check_package_refuses_entries_totalling_past_the_total_limit():
    small = Limits(entry_bytes=40_000, total_bytes=100_000, compression_ratio=10**6)
    extra = {f"word/media/image{n}.png": bytes(30_000) for n in range(4)}
    assert refusal(build_docx(p("x"), extra_parts=extra), small) == (
        "The file unpacks to more than 100000 bytes; refusing a possible zip bomb."
    )


def test_check_package_refuses_a_compression_ratio_bomb():
    data = build_docx(p("x"), extra_parts={"word/media/image1.png": bytes(2 * MB)})
    assert refusal(data) == (
        "The part 'word/media/image1.png' is compressed more than 200 to 1; refusing a possible zip bomb."
    )


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with ``name``'s uncompressed size rewritten in its local and central headers."""
    out = bytearray(data)
    encoded = name.encode()
    local = out.find(encoded) - 30  # the name follows the 30-byte local header
    assert out[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", out, local + 22, size)
    central = out.find(b"PK\x01\x02")
    while central != -1 and out[central + 46 : central + 46 + len(encoded)] != encoded:
        central = out.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", out, central + 24, size)
    return bytes(out)


def test_read_does_not_trust_a_header_that_understates_the_size():
    body = p("A" * 200_000)
    lying = _lie_about_size(build_docx(body), "word/document.xml", 100)
    with pytest.raises(ImportRefused) as caught:
        read_document(lying, limits=LIMITS)
    assert str(caught.value) == (
        "The part 'word/document.xml' is damaged and cannot be unpacked "
        "(Bad CRC-32 for file 'word/document.xml')."
    )


def test_read_caps_inflation_while_reading_a_part():
    # The declared sizes passed the check; the cap still holds while the part is inflated.
    package = check_package(build_docx(p("A" * 200_000)), limits=LIMITS)
    package.limits = Limits(entry_bytes=100_000)
    with pytest.raises(ImportRefused) as caught:
        package.read("word/document.xml")
    assert str(caught.value) == (
        "The part 'word/document.xml' unpacks to more than 100000 bytes; refusing a possible zip bomb."
    )


@pytest.mark.parametrize(
    "name",
    ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/Windows/evil.xml", "word\\..\\..\\evil.xml"],
)
def test_check_package_refuses_unsafe_member_names(name):
    data = build_docx(p("x"), extra_parts={name: "<x/>"})
    assert refusal(data) == f"The file contains a part with an unsafe name: {name!r}."


def test_check_package_refuses_a_part_given_twice():
    parts = docx_parts(p("x"))
    buffer = io.BytesIO(zip_bytes(parts))
    # zipfile warns but writes a second entry of the same name.
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "a") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("word/document.xml", parts["word/document.xml"])
    assert refusal(buffer.getvalue()) == "The file contains the part 'word/document.xml' twice."


def test_check_package_refuses_a_missing_content_types_part():
    data = build_docx(p("x"), omit=["[Content_Types].xml"])
    assert refusal(data) == "The file has no [Content_Types].xml, so it is not a Word document."


def test_check_package_refuses_a_missing_main_document():
    data = build_docx(p("x"), omit=["word/document.xml"])
    assert refusal(data) == "The file has no main document part (word/document.xml); it is not a .docx."


def test_check_package_refuses_a_main_part_missing_from_content_types():
    # Without an Override the main part falls back to the "xml" default, which is not a document.
    overrides = [
        (
            "/word/footnotes.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        )
    ]
    data = build_docx(p("x"), content_types_override=content_types(overrides))
    assert refusal(data) == (
        "The main part 'word/document.xml' has content type 'application/xml', not a Word document's."
    )


def test_read_tolerates_another_part_missing_from_content_types():
    # Word repairs such files without asking; the reader finds parts through relationships.
    main = (
        "/word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    )
    data = build_docx(
        p(r("Cited"), r_footnote(1)),
        footnotes_xml=footnote(1, "Still read."),
        content_types_override=content_types([main]),
    )
    document = read_document(data, limits=LIMITS)
    assert [(n.mark, n.text) for n in document.notes] == [("1", "Still read.")]


def test_check_package_finds_the_main_part_through_the_package_relationships():
    parts = docx_parts(p("Renamed main part"))
    parts["word/main.xml"] = parts.pop("word/document.xml")
    parts["word/_rels/main.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace("word/document.xml", "word/main.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "/word/document.xml", "/word/main.xml"
    )
    document = read_document(zip_bytes(parts), limits=LIMITS)
    assert [q.text for q in document.paragraphs] == ["Renamed main part"]


def test_check_package_refuses_a_damaged_compressed_stream():
    data = bytearray(build_docx(p("A" * 5000)))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    data[start + 10 : start + 40] = b"\xff" * 30
    with pytest.raises(ImportRefused) as caught:
        read_document(bytes(data), limits=LIMITS)
    message = str(caught.value)
    assert message.startswith("The part 'word/document.xml' is ")
    assert "\n" not in message


def test_limits_come_from_settings(settings):
    settings.REPORT_MAX_UPLOAD_BYTES = 1234
    settings.REPORT_MAX_ZIP_ENTRIES = 7
    settings.REPORT_MAX_ENTRY_BYTES = 5678
    settings.REPORT_MAX_TOTAL_BYTES = 9999
    assert report_limits() == Limits(upload_bytes=1234, zip_entries=7, entry_bytes=5678, total_bytes=9999)


def test_limits_defaults_match_the_documented_bounds():
    assert (LIMITS.upload_bytes, LIMITS.zip_entries, LIMITS.entry_bytes, LIMITS.total_bytes) == (
        10 * MB,
        500,
        20 * MB,
        60 * MB,
    )


def test_relationship_targets_are_unescaped_and_matched_ignoring_case():
    parts = docx_parts(p(r("Cited"), r_footnote(1)), footnotes_xml=footnote(1, "Found."))
    parts["word/Foot Notes.xml"] = parts.pop("word/footnotes.xml")
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        'Target="footnotes.xml"', 'Target="foot%20NOTES.xml"'
    )
    document = read_document(zip_bytes(parts), limits=LIMITS)
    assert [(n.mark, n.text) for n in document.notes] == [("1", "Found.")]
