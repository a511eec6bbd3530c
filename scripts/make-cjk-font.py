#!/usr/bin/python3
"""Builds resources/fonts/NotoSansSC-GB2312.ttf: the SC face of Debian's Noto Sans CJK (OFL 1.1)
cut to ASCII, GB2312 and common punctuation, with CFF outlines converted to TrueType so pdf-lib
can embed it. Needs Debian's fonts-noto-cjk and python3-fonttools; run once, commit the
result (the app and CLI never depend on system fonts)."""
import sys
from fontTools.ttLib import TTCollection, newTable
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

SOURCE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
SC_INDEX = 2
out = sys.argv[1] if len(sys.argv) > 1 else 'resources/fonts/NotoSansSC-GB2312.ttf'

chars = set(range(0x20, 0x7F)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFF70)) | {0x00A5, 0x00B7, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2030, 0x2192, 0x2190, 0x2191, 0x2193}
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([hi, lo]).decode('gb2312')))
        except UnicodeDecodeError:
            pass

font = TTCollection(SOURCE).fonts[SC_INDEX]
opts = subset.Options()
opts.layout_features = []
opts.name_IDs = ['*']
opts.notdef_outline = True
opts.hinting = False
opts.desubroutinize = True
sub = subset.Subsetter(opts)
sub.populate(unicodes=chars)
sub.subset(font)

# CFF -> glyf (quadratic curves), the outline format pdf-lib's embedding handles best.
glyph_set = font.getGlyphSet()
glyf = newTable('glyf')
glyf.glyphOrder = font.getGlyphOrder()
glyf.glyphs = {}
for name in glyf.glyphOrder:
    pen = TTGlyphPen(glyph_set)
    glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyf.glyphs[name] = pen.glyph()
font['glyf'] = glyf
font['loca'] = newTable('loca')
del font['CFF ']
if 'VORG' in font:
    del font['VORG']
font['maxp'].tableVersion = 0x00010000
for attr in ('maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs', 'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements'):
    setattr(font['maxp'], attr, 0)
font['maxp'].maxZones = 1
font['head'].indexToLocFormat = 0
font['head'].glyphDataFormat = 0
font['post'].formatType = 3.0
font.sfntVersion = '\x00\x01\x00\x00'
font.save(out)
print(out, len(chars), 'characters')
