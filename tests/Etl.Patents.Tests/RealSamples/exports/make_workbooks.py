"""Writes workbook copies of real export samples, the way vendors deliver them, with another program than the
project (openpyxl and xlwt from Debian's python3-openpyxl and python3-xlwt, and hand-written Open XML):

- incopat-1.xlsx   the incoPat records of incopat-1.csv as an .xlsx (dates as date cells);
- innojoy-1.xls    the innojoy records of innojoy-1.csv as a legacy .xls (BIFF8);
- patsnap-1-quirks.xlsx  the PatSnap records of patsnap-1.csv in a vendor workbook's quirks: a first sheet
  with the search query, two preamble rows above the header, the application date column three times,
  application and publication numbers as HYPERLINK formulas with their cached values, a <dimension> that
  claims A1:A1, and the applicant's address split over province, city and address columns.

A copy named like its CSV (incopat-1.xlsx) is checked against that CSV's hand-written expectation; the quirks
workbook gets a copy of patsnap-1's, since the records are the same. Run with Debian's python3:  /usr/bin/python3 make_workbooks.py
"""
import csv
import datetime
import io
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import xlwt


def read_csv(name, encoding="utf-8-sig"):
    with open(name, encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def copy_expectation(source, target, note):
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    head = [l for l in lines if l.startswith("#")]
    body = [l for l in lines if not l.startswith("#")]
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(head + [f"# workbook: {note}; written by make_workbooks.py from the same records"] + body) + "\n")


def as_date(text):
    for fmt in ("%Y-%m-%d", "%Y.%m.%d", "%Y%m%d"):
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            pass
    return text


# 1. incoPat as .xlsx
rows = read_csv("incopat-1.csv")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "incoPat"
ws.append(rows[0])
date_cols = {i for i, h in enumerate(rows[0]) if h.endswith("日")}
for r in rows[1:]:
    ws.append([as_date(v) if i in date_cols else v for i, v in enumerate(r)])
    for i in date_cols:
        ws.cell(row=ws.max_row, column=i + 1).number_format = "yyyy-mm-dd"
wb.save("incopat-1.xlsx")

# 2. innojoy as .xls
rows = read_csv("innojoy-1.csv")
book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("innojoy")
for r, row in enumerate(rows):
    for c, v in enumerate(row):
        sheet.write(r, c, v)
book.save("innojoy-1.xls")

# 3. PatSnap with a vendor workbook's quirks, in hand-written Open XML
rows = read_csv("patsnap-1.csv")
head = rows[0]
col = {h: i for i, h in enumerate(head)}
out_head = ["序号", "公开(公告)号", "申请号", "申请日", "标题", "摘要", "[标]原始申请(专利权)人", "申请人州/省", "申请人地市",
            "原始申请(专利权)人地址", "申请日", "IPC分类号", "IPC主分类号", "申请日"]
PROVINCE = {"山东": "山东省", "北京": "北京市", "湖北": "湖北省", "香港": "香港", "美国": "美国"}


def split_address(address):
    """The province and city columns PatSnap fills, read off the address; the address column keeps the rest."""
    text = address.split(" ", 1)[-1] if address[:6].isdigit() else address
    for short, full in PROVINCE.items():
        if text.startswith(full) or text.startswith(short) or text.startswith("中国" + short):
            rest = text.split(full, 1)[-1] if full in text else text
            city = rest[:3] if rest[:3].endswith("市") else ""
            return full, city, rest[len(city):]
    return "", "", text


def cell_ref(r, c):
    letters = ""
    c += 1
    while c:
        c, m = divmod(c - 1, 26)
        letters = chr(65 + m) + letters
    return f"{letters}{r}"


def text_cell(r, c, v):
    return f'<c r="{cell_ref(r, c)}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'


def link_cell(r, c, v):
    url = "https://analytics.zhihuiya.com/patent-view/abst?patentId=" + v
    return f'<c r="{cell_ref(r, c)}" t="str"><f>HYPERLINK("{escape(url)}","{escape(v)}")</f><v>{escape(v)}</v></c>'


def date_cell(r, c, v):
    d = as_date(v)
    serial = (d - datetime.datetime(1899, 12, 30)).days
    return f'<c r="{cell_ref(r, c)}" s="1"><v>{serial}</v></c>'


sheet_rows = [
    [text_cell(1, 0, "智慧芽专利数据导出")],
    [text_cell(2, 0, "导出时间：2024-03-01")],
    [text_cell(3, i, h) for i, h in enumerate(out_head)],
]
for n, r in enumerate(rows[1:], start=4):
    province, city, address = split_address(r[col["原始申请(专利权)人地址"]])
    date = r[col["申请日"]]
    values = [r[col["序号"]], r[col["公开(公告)号"]], r[col["申请号"]], date, r[col["标题"]], r[col["摘要"]],
              r[col["[标]原始申请(专利权)人"]], province, city, address, date,
              r[col["IPC分类号"]].replace(" | ", ";") + ";", r[col["IPC主分类号"]] + "(2006.01)I", date]
    cells = []
    for i, v in enumerate(values):
        if i in (1, 2):
            cells.append(link_cell(n, i, v))
        elif out_head[i] == "申请日":
            cells.append(date_cell(n, i, v))
        else:
            cells.append(text_cell(n, i, v))
    sheet_rows.append(cells)


def sheet_xml(rows_xml, dimension):
    body = "".join(f'<row r="{i}">{"".join(cells)}</row>' for i, cells in enumerate(rows_xml, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>')


query = [[text_cell(1, 0, "检索式")], [text_cell(2, 0, "TAC:(电缆 OR 推送 OR 调度) AND APD:[2010 TO 2017]")]]
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="检索式" sheetId="1" r:id="rId1"/><sheet name="专利列表" sheetId="2" r:id="rId2"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/worksheets/sheet1.xml": sheet_xml(query, "A1:A2"),
    "xl/worksheets/sheet2.xml": sheet_xml(sheet_rows, "A1:A1"),
}
with zipfile.ZipFile("patsnap-1-quirks.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        info = zipfile.ZipInfo(name, date_time=(2024, 3, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
copy_expectation("patsnap-1.expect.csv", "patsnap-1-quirks.expect.csv", "patsnap-1.csv in a vendor workbook's quirks (see this script)")
