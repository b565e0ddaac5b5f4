"""Writes the yearbook fixtures as flat OpenDocument spreadsheets (.fods) and converts them with LibreOffice.

The parser must read workbooks written by other software than the simulator's (NPOI, Open XML SDK), so the
fixtures are written by LibreOffice Calc. Run from this folder:  python3 make_workbooks.py
Cells: a str is a text cell, an int/float a number cell, ("date", "2021-05-01") a date cell, None an empty
cell; ("merge", text, rows, cols) a text cell spanning rows x cols.
"""
import subprocess
from xml.sax.saxutils import escape

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"')

# A date cell carries a date number format, as a date typed into Calc or Excel does.
STYLES = ('<office:automatic-styles><number:date-style style:name="N1"><number:year number:style="long"/>'
          '<number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text>'
          '<number:day number:style="long"/></number:date-style>'
          '<style:style style:name="date" style:family="table-cell" style:data-style-name="N1"/></office:automatic-styles>')


def cell(v):
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, tuple) and v[0] == "date":
        return (f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{v[1]}">'
                f'<text:p>{v[1]}</text:p></table:table-cell>')
    if isinstance(v, tuple) and v[0] == "merge":
        _, text, rows, cols = v
        return (f'<table:table-cell office:value-type="string" table:number-rows-spanned="{rows}" '
                f'table:number-columns-spanned="{cols}"><text:p>{escape(text)}</text:p></table:table-cell>'
                + "<table:covered-table-cell/>" * (cols - 1))
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'


def covered(n):
    return "<table:covered-table-cell/>" * n


def sheet(name, rows):
    body = "".join("<table:table-row>" + "".join(c if isinstance(c, str) and c.startswith("<table:") else cell(c) for c in r)
                   + "</table:table-row>" for r in rows)
    return f'<table:table table:name="{escape(name)}">{body}</table:table>'


def write(path, sheets):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.2" '
                f'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">{STYLES}<office:body><office:spreadsheet>'
                + "".join(sheet(n, r) for n, r in sheets) + "</office:spreadsheet></office:body></office:document>")


# Edition 2016 (data year 2015), legacy .xls: 市辖区 block first, the unit only in the title, padded and
# footnoted names, numbers as text (separators, full-width), a former city name, rows that must be skipped
# or quarantined, two notes; and a second sheet with students in 万人.
population = [
    [("merge", "2-1 人口", 1, 5)],
    ["Population"],
    ["单位：万人"],
    [("merge", "地  区 City", 3, 1), ("merge", "市辖区 Districts under City", 1, 2), ("merge", "全市 Total City", 1, 2)],
    [covered(1), "年末户籍人口", "年平均人口", "年末户籍人口", "年平均人口"],
    [covered(1), "Registered Population", "Average Population", "Registered Population", "Average Population"],
    ["全  国 National Total", 50000, 50000, 130000, 130000],
    ["东部地区", 20000, 20000, 50000, 50000],
    ["河北省 Hebei", None, None, None, None],
    ["石家庄 Shijiazhuang", 250.1, 250.0, "1,023.45", 1020],
    ["唐  山①", 300, 300, "７５６．１２", 750],
    ["邯郸市", 100, 100, "…", 900],
    [None],
    ["襄樊 Xiangfan", 1, 1, 590.0, 590],
    ["石河子", 1, 1, 64, 64],
    ["火星市", 1, 1, 5, 5],
    ["石家庄", 1, 1, 1, 1],
    ["注：本表为户籍人口。"],
    ["    资料来源于公安部门。"],
]
education = [
    [("merge", "10-1 教育", 1, 3)],
    [("merge", "城市", 2, 1), ("merge", "全市", 1, 2)],
    [covered(1), "普通高等学校在校学生数(万人)", "普通中学在校学生数(人)"],
    ["石家庄", 45.67, 300000],
    ["唐山", "12.3*", 200000],
]
write("yearbook/2016/population.fods", [("2-1", population), ("10-1 教育", education)])

# Edition 2022 (data year 2021), .xlsx: two tables on one sheet without a note between them; the 全市 /
# 市辖区 row above the stub header; GDP in 亿元 (the catalogue holds 万元); a unit given only in English; a
# date and a word where numbers belong; a tertiary share under the heading 构成 (%).
economy = [
    ["4-1 地区生产总值"],
    [None, ("merge", "全市", 1, 2), ("merge", "市辖区", 1, 2)],
    ["城市名称", "地区生产总值(亿元)", "人均地区生产总值", "地区生产总值(亿元)", "人均地区生产总值"],
    [None, "Gross Regional Product", "Per Capita GRP (yuan)", "Gross Regional Product", "Per Capita GRP (yuan)"],
    ["北京市 Beijing", 40269.55, 183980, 30000, 150000],
    ["天津", 15695.05, "abc", 10000, 90000],
    ["河北省", None, None, None, None],
    ["保定市", ("date", "2021-05-01"), "—", 1000, 40000],
    [None],
    ["4-2 地区生产总值构成 (%)"],
    ["地区", "第一产业", "第二产业", "第三产业"],
    ["北京", 0.3, 18.0, 81.7],
    ["保定", 10.5, 40.1, 49.4],
    ["注：按当年价格计算。"],
]
write("yearbook/2022/economy.fods", [("经济", economy)])

# Edition 2019 (data year 2018), .xlsx: a title with its unit in a second cell, a province heading printed
# in short form (吉林) above the city of the same name, an average resident population that is not the
# year-end one, and an employment structure whose 第三产业 is not the tertiary share of GDP.
misc = [
    ["2-2 年末人口", "单位：万人"],
    ["地区", "年末户籍人口", "年平均常住人口"],
    ["吉林", None, None],
    ["长春", 750.5, 800],
    ["吉林", 400.25, 410],
    ["注：户籍人口。"],
    [None],
    ["2-3 从业人员构成 (%)"],
    ["地区", "第一产业", "第二产业", "第三产业"],
    ["长春", 10, 40, 50],
]
write("yearbook/2019/misc.fods", [("人口与就业", misc)])

for src, fmt, out in [("yearbook/2016/population.fods", 'xls:MS Excel 97', "yearbook/2016"),
                      ("yearbook/2022/economy.fods", 'xlsx:Calc MS Excel 2007 XML', "yearbook/2022"),
                      ("yearbook/2019/misc.fods", 'xlsx:Calc MS Excel 2007 XML', "yearbook/2019")]:
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", out, src], check=True)
