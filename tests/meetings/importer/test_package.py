"""The package check: what is refused before any XML parser sees the file, and how it is said."""

import io
import random
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
    DOCX_MAIN,
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


FREE, END_OF_CHAIN, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _directory_entry(name: str | bytes, kind: int) -> bytes:
    entry = bytearray(128)
    encoded = (name.encode("utf-16-le") if isinstance(name, str) else name) + b"\x00\x00"
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    struct.pack_into("<I", entry, 116, END_OF_CHAIN)
    return bytes(entry)


def ole_file(
    *stream_names: str | bytes,
    sector_shift: int = 9,
    spread: bool = False,
    loop: bool = False,
    dangling: bool = False,
) -> bytes:
    """A minimal OLE2 compound file (as .doc and encrypted .docx files are) holding empty streams.

    ``spread`` lays the directory over two sectors, the second one (holding the streams) before
    the first in the file and the FAT after both, so that only following the FAT's chain finds
    them; ``loop`` makes that chain point back at its first sector, as a damaged file may, and
    ``dangling`` makes it point just past the end of the FAT.
    """
    sector = 1 << sector_shift
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3 if sector_shift == 9 else 4, 0xFFFE, sector_shift, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<III", header, 56, 4096, END_OF_CHAIN, 0)
    struct.pack_into("<II", header, 68, END_OF_CHAIN, 0)
    root = _directory_entry("Root Entry", 5)
    streams = b"".join(_directory_entry(name, 2) for name in stream_names)
    fat = [FREE] * (sector // 4)
    if spread:
        # Sector 0: the streams' directory sector; 1: the directory's first sector; 2: the FAT.
        first = root + b"".join(_directory_entry(f"Filler {n}", 2) for n in range(sector // 128 - 1))
        sectors = [streams.ljust(sector, b"\x00"), first, b""]
        fat[:3] = [1 if loop else len(fat) if dangling else END_OF_CHAIN, 0, FAT_SECTOR]
        first_directory, fat_at = 1, 2
    else:
        sectors = [b"", (root + streams).ljust(sector, b"\x00")]
        fat[:2] = [FAT_SECTOR, END_OF_CHAIN]
        first_directory, fat_at = 1, 0
    struct.pack_into("<I", header, 48, first_directory)
    struct.pack_into("<109I", header, 76, fat_at, *([FREE] * 108))
    sectors[fat_at] = struct.pack(f"<{len(fat)}I", *fat)
    return bytes(header) + b"".join(sectors)


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


@pytest.mark.parametrize("stream", ["EncryptionInfo", "EncryptedPackage"])
def test_check_package_refuses_a_password_protected_file_by_either_stream(stream):
    assert refusal(ole_file(stream)) == (
        "The file is password-protected (encrypted); remove the password in Word and save it again."
    )


@pytest.mark.parametrize("sector_shift", [9, 12])
def test_check_package_finds_encryption_in_a_directory_spread_over_sectors(sector_shift):
    # Office 2007+ writes 4096-byte sectors (shift 12) as readily as 512-byte ones; a stream name
    # that is not valid UTF-16 must not hide the rest of the directory.
    encrypted = ole_file(b"\x00\xd8", "EncryptionInfo", sector_shift=sector_shift, spread=True)
    assert refusal(encrypted) == (
        "The file is password-protected (encrypted); remove the password in Word and save it again."
    )
    assert refusal(ole_file("WordDocument", sector_shift=sector_shift, spread=True)) == (
        "This is an old Word 97-2003 .doc file; save it as .docx."
    )


@pytest.mark.parametrize(
    ("sector_shift", "message"),
    [
        (16, "The file is password-protected (encrypted); remove the password in Word and save it again."),
        # Past 64 KB sectors the directory is not read: the file is only an old or foreign OLE file.
        (17, "This is an old Word 97-2003 .doc file; save it as .docx."),
    ],
)
def test_check_package_reads_ole_sectors_up_to_64_kb(sector_shift, message):
    assert refusal(ole_file("EncryptionInfo", sector_shift=sector_shift, spread=True)) == message


def test_check_package_finds_encryption_in_the_last_entry_of_a_directory_sector():
    encrypted = ole_file("WordDocument", "1Table", "Data", "EncryptedPackage", spread=True)
    assert refusal(encrypted) == (
        "The file is password-protected (encrypted); remove the password in Word and save it again."
    )


def test_check_package_reads_a_directory_whose_chain_points_past_the_fat():
    assert refusal(ole_file("EncryptedPackage", spread=True, dangling=True)) == (
        "The file is password-protected (encrypted); remove the password in Word and save it again."
    )


def test_check_package_reads_a_directory_whose_chain_loops_once():
    assert refusal(ole_file("EncryptedPackage", spread=True, loop=True)) == (
        "The file is password-protected (encrypted); remove the password in Word and save it again."
    )


@pytest.mark.parametrize("sector_shift", [6, 17])
def test_check_package_unreadable_ole_directory_is_an_old_doc(sector_shift):
    data = bytearray(ole_file("EncryptionInfo"))
    struct.pack_into("<H", data, 30, sector_shift)
    assert refusal(bytes(data)) == "This is an old Word 97-2003 .doc file; save it as .docx."


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


def test_check_package_states_a_whole_megabyte_limit_in_megabytes():
    data = b"PK\x03\x04" + b"\x00" * MB
    assert refusal(data, Limits(upload_bytes=MB)) == "The file is 1.0 MB, larger than the 1 MB allowed."


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


def _lie_about_size(data: bytes, name: str, size: int, *, compressed: bool = False) -> bytes:
    """The zip with ``name``'s uncompressed (or compressed) size rewritten in both its headers."""
    out = bytearray(data)
    encoded = name.encode()
    local = out.find(encoded) - 30  # the name follows the 30-byte local header
    assert out[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", out, local + (18 if compressed else 22), size)
    central = out.find(b"PK\x01\x02")
    while central != -1 and out[central + 46 : central + 46 + len(encoded)] != encoded:
        central = out.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", out, central + (20 if compressed else 24), size)
    return bytes(out)


def test_check_package_refuses_a_part_said_to_be_larger_than_the_file():
    data = build_docx(p("x"))
    lying = _lie_about_size(data, "word/document.xml", len(data) + 1, compressed=True)
    assert refusal(lying) == "The file is damaged: the part 'word/document.xml' is larger than the file."


NOISE = random.Random(0).randbytes(20_000)  # does not compress


def test_check_package_accepts_a_file_exactly_at_each_limit():
    # A part of exactly 1 MB is not yet checked for its compression ratio.
    data = build_docx(p("x"), extra_parts={"word/media/zeros.bin": bytes(MB), "word/media/noise.bin": NOISE})
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    exact = Limits(
        upload_bytes=len(data),
        zip_entries=len(infos),
        entry_bytes=MB,
        total_bytes=sum(info.file_size for info in infos),
    )
    assert check_package(data, limits=exact).main_part == "word/document.xml"


def test_check_package_accepts_a_part_compressed_exactly_at_the_ratio_limit():
    data = build_docx(
        p("x"), extra_parts={"word/media/zeros.bin": bytes(200 * 6000), "word/media/noise.bin": NOISE}
    )
    at_limit = _lie_about_size(data, "word/media/zeros.bin", 6000, compressed=True)
    assert check_package(at_limit, limits=LIMITS).main_part == "word/document.xml"
    past_limit = _lie_about_size(data, "word/media/zeros.bin", 5999, compressed=True)
    assert refusal(past_limit) == (
        "The part 'word/media/zeros.bin' is compressed more than 200 to 1; refusing a possible zip bomb."
    )


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


def test_read_caps_the_total_inflated_across_parts():
    # The declared sizes passed the check; each part is within the entry limit, and the total
    # limit still holds while they are inflated one after the other.
    data = zip_bytes(docx_parts(p("A" * 30_000), footnotes_xml=footnote(1, "B" * 30_000)))
    package = check_package(data, limits=LIMITS)
    package.limits = Limits(entry_bytes=40_000, total_bytes=50_000)
    package.inflated = 0
    package.read("word/document.xml")
    with pytest.raises(ImportRefused) as caught:
        package.read("word/footnotes.xml")
    assert str(caught.value) == "The file unpacks to more than 50000 bytes; refusing a possible zip bomb."


def test_read_inflates_a_part_in_chunks_never_whole(monkeypatch):
    import tracemalloc

    data = build_docx(p("x"), extra_parts={"word/media/zeros.bin": bytes(30 * MB)})
    package = check_package(
        data, limits=Limits(entry_bytes=40 * MB, total_bytes=80 * MB, compression_ratio=10**6)
    )
    package.limits = Limits(entry_bytes=1 * MB)

    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused, match="unpacks to more than 1 MB"):
            package.read("word/media/zeros.bin")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB


def test_read_accepts_a_file_whose_parts_fill_the_total_limit_exactly():
    data = build_docx(p("A" * 1000))
    total = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())

    assert [q.text for q in read_document(data, limits=Limits(total_bytes=total)).paragraphs] == ["A" * 1000]
    with pytest.raises(ImportRefused, match=f"^The file unpacks to more than {total - 1} bytes"):
        read_document(data, limits=Limits(total_bytes=total - 1))


def test_read_accepts_a_part_exactly_at_the_entry_and_total_limits():
    data = build_docx(p("A" * 1000))
    size = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size
    package = check_package(data, limits=LIMITS)
    package.limits = Limits(entry_bytes=size, total_bytes=size + 10)

    package.inflated = 10  # what other parts took: this one fills the total exactly
    assert len(package.read("word/document.xml")) == size
    assert package.inflated == size + 10
    package.inflated = 11
    with pytest.raises(ImportRefused) as caught:
        package.read("word/document.xml")
    assert (
        str(caught.value) == f"The file unpacks to more than {size + 10} bytes; refusing a possible zip bomb."
    )


@pytest.mark.parametrize(
    "name",
    [
        "../evil.xml",
        "word/../../evil.xml",
        "/etc/passwd",
        "\\windows\\evil.xml",
        "C:/Windows/evil.xml",
        "C:",
        "word\\..\\..\\evil.xml",
    ],
)
def test_check_package_refuses_unsafe_member_names(name):
    data = build_docx(p("x"), extra_parts={name: "<x/>"})
    assert refusal(data) == f"The file contains a part with an unsafe name: {name!r}."


def test_check_package_quotes_a_part_name_whole_up_to_80_characters():
    at_most = "../" + "a" * 77
    longer = "../" + "b" * 78
    assert refusal(build_docx(p("x"), extra_parts={at_most: "<x/>"})) == (
        f"The file contains a part with an unsafe name: {at_most!r}."
    )
    assert refusal(build_docx(p("x"), extra_parts={longer: "<x/>"})) == (
        f"The file contains a part with an unsafe name: {longer[:77] + '...'!r}."
    )


def test_check_package_accepts_a_one_character_part_name():
    assert check_package(build_docx(p("x"), extra_parts={"x": "<x/>"}), limits=LIMITS).main_part == (
        "word/document.xml"
    )


def test_check_package_without_package_relationships_finds_word_document_xml():
    data = build_docx(p("x"), omit=["_rels/.rels"])
    assert check_package(data, limits=LIMITS).main_part == "word/document.xml"


def test_check_package_shows_at_most_100_characters_of_a_content_type():
    content_type = "text/" + "x" * 200
    assert refusal(build_docx(p("x"), main_content_type=content_type)) == (
        f"The main part 'word/document.xml' has content type {content_type[:100]!r}, not a Word document's."
    )


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


@pytest.mark.parametrize(
    "entries",
    [
        # An Override of the main part without a content type, and one without a part name.
        '<Default Extension="xml" ContentType="application/xml"/><Override ContentType="text/plain"/>'
        '<Override PartName="/word/document.xml"/>',
        # No Override: the "xml" Default, without a content type.
        '<Default Extension="xml"/>',
        # Nothing for the main part at all.
        "",
    ],
)
def test_check_package_refuses_a_main_part_without_any_content_type(entries):
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f"{entries}</Types>"
    )
    data = build_docx(p("x"), content_types_override=types)
    assert (
        refusal(data) == "The main part 'word/document.xml' has content type 'none', not a Word document's."
    )


def test_check_package_ignores_a_default_content_type_without_an_extension():
    parts = docx_parts(p("x"))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "<Default ", '<Default ContentType="text/plain"/><Default ', 1
    )
    assert check_package(zip_bytes(parts), limits=LIMITS).main_part == "word/document.xml"


def test_check_package_matches_a_default_content_type_ignoring_the_extension_case():
    parts = docx_parts(p("Upper-case extension"))
    parts["word/document.XML"] = parts.pop("word/document.xml")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace("word/document.xml", "word/document.XML")
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="{DOCX_MAIN}"/></Types>'
    )
    assert check_package(zip_bytes(parts), limits=LIMITS).main_part == "word/document.XML"


def test_package_relationships_resolve_targets_to_part_names():
    parts = docx_parts(p("x"), styles_xml="")
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdStyles" Type="{rels}styles" Target="styles.xml#top#again"/>'
        f'<Relationship Id="rIdAbsolute" Type="{rels}custom" Target="/word/styles.xml"/>'
        f'<Relationship Id="rIdUp" Type="{rels}custom" Target="../customXml/item1.xml"/>'
        f'<Relationship Id="rIdX" Type="{rels}custom" Target="/XData/item1.xml"/>'
        f'<Relationship Id="rIdXUp" Type="{rels}custom" Target="../XData/item2.xml"/>'
        f'<Relationship Id="rIdWeb" Type="{rels}hyperlink" Target="https://example.org/a#b" '
        'TargetMode="External"/>'
        f'<Relationship Id="rIdGone" Type="{rels}custom" Target="Missing.XML"/>'
        '<Relationship Id="rIdUntyped" Target="styles.xml"/>'
        f'<Relationship Type="{rels}custom"/>'
        "</Relationships>"
    )
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        "</Relationships>", f'<Relationship Id="rIdEmpty" Type="{rels}custom" Target=""/></Relationships>'
    )
    package = check_package(zip_bytes(parts), limits=LIMITS)
    assert {r_id: rel.target for r_id, rel in package.relationships("").items()} == {
        "rId1": "word/document.xml",
        "rIdEmpty": "",
    }

    found = {
        r_id: (relationship.type.removeprefix(rels), relationship.target, relationship.external)
        for r_id, relationship in package.relationships("word/document.xml").items()
    }

    assert found == {
        "rIdStyles": ("styles", "word/styles.xml", False),
        "rIdAbsolute": ("custom", "word/styles.xml", False),
        "rIdUp": ("custom", "customXml/item1.xml", False),
        "rIdX": ("custom", "XData/item1.xml", False),
        "rIdXUp": ("custom", "XData/item2.xml", False),
        "rIdWeb": ("hyperlink", "https://example.org/a#b", True),
        "rIdGone": ("custom", "word/Missing.XML", False),
        "rIdUntyped": ("", "word/styles.xml", False),
        "": ("custom", "word", False),
    }
    assert package.related("word/document.xml", "/styles") == "word/styles.xml"
    assert package.related("word/document.xml", "/hyperlink") is None


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
