#!/usr/bin/env python3
"""Writes the tiny hand-made PDFs the load tests read. Run: python3 tests/fixtures-small/make_fixtures.py

Each PDF is written byte by byte here so its geometry is known exactly (see the comments and
tests/stages/load/*.test.ts for the expected values):

- direct-per-glyph-landscape.pdf: a 842x595 landscape page written like the "direct writer":
  one BT/Tj per glyph, non-embedded SimSun through /UniGB-UCS2-H, borders as 0.5pt filled
  rectangles. Table: x edges 100, 300, 500; y edges (PDF, y up) 500, 470, 440, 410.
  Left column merged over rows 2-3 with text vertically centred.
- stroked-rotated.pdf: MediaBox [50 100 350 500] (non-zero origin), /Rotate 90, a stroked
  rectangle 100..300 x 200..300 (user space) and a stroked line, one Helvetica word.
- image-only.pdf: a page that paints a 20x10 grey image over [72 72 272 172].
"""
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def pdf_bytes(objects):
    """objects: list of bytes bodies for objects 1..n (object 1 = catalog)."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length " + str(len(content)).encode() + extra + b" >>\nstream\n" + content + b"\nendstream"


def ucs2(text: str) -> str:
    return "".join(f"{ord(c):04X}" for c in text)


def glyphs(text: str, x: float, y: float, size: float) -> str:
    """One BT/Tj per glyph, advancing by the font size (CJK full width)."""
    ops = []
    for i, ch in enumerate(text):
        ops.append(f"BT /F1 {size} Tf 1 0 0 1 {x + i * size:.2f} {y:.2f} Tm <{ucs2(ch)}> Tj ET")
    return "\n".join(ops)


def direct_per_glyph_landscape():
    xs = [100, 300, 500]
    ys = [500, 470, 440, 410]
    t = 0.5
    rects = []
    # horizontal borders: full width, except the one between rows 2 and 3 only under column 2
    for k, y in enumerate(ys):
        x_from = 300 if k == 2 else 100
        rects.append(f"{x_from} {y - t / 2} {500 - x_from} {t} re f")
    # vertical borders: each drawn as one piece per row (pieces to be joined)
    for x in xs:
        for k in range(3):
            rects.append(f"{x - t / 2} {ys[k + 1]} {t} {ys[k] - ys[k + 1]} re f")
    content = "\n".join(["0 g"] + rects + [
        glyphs("一级指标", 110, 482, 10),
        glyphs("二级指标", 310, 482, 10),
        glyphs("产出指标", 110, 437, 10),   # vertically centred over rows 2-3 (440 = middle)
        glyphs("数量指标", 310, 452, 10),
        glyphs("质量指标", 310, 422, 10),
    ]) + "\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content.encode()),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
    ]
    return pdf_bytes(objects)


def stroked_rotated():
    content = b"1 w 100 200 200 100 re S\n0.5 w 100 250 m 300 250 l S\nBT /F1 12 Tf 110 210 Td (Total) Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [50 100 350 500] /Rotate 90 /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_bytes(objects)


def image_only():
    pixels = bytes([128] * (20 * 10))
    data = zlib.compress(pixels)
    content = b"q 200 0 0 100 72 72 cm /Im1 Do Q\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        stream(data, b" /Type /XObject /Subtype /Image /Width 20 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"),
    ]
    return pdf_bytes(objects)


if __name__ == "__main__":
    for name, fn in [
        ("direct-per-glyph-landscape.pdf", direct_per_glyph_landscape),
        ("stroked-rotated.pdf", stroked_rotated),
        ("image-only.pdf", image_only),
    ]:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(fn())
    os.system(f"qpdf --encrypt user owner 256 -- {HERE}/stroked-rotated.pdf {HERE}/encrypted.pdf")
