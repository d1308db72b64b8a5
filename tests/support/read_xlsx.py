#!/usr/bin/env python3
"""Reads the first worksheet (or the Nth, given as a second argument) of an .xlsx file with
the standard library only and prints it as JSON, so that the export tests check the real
file, not what the writer meant.

Output: {"rows": [[cell, ...], ...], "frozen_rows": n, "bold_header": bool,
         "formulas": n, "autofilter": "A1:K9", "date_formats": [format code, ...]}
where a cell is a string, a number, {"date": "YYYY-MM-DD HH:MM:SS"} for a number shown
with a date format, or null for an empty cell.
"""
import datetime
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN_DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}


def column_index(reference):
    letters = re.match(r"[A-Z]+", reference).group(0)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def text_of(element):
    # A rich or plain string: every <t> below it, in order.
    return "".join(t.text or "" for t in element.iter("{%s}t" % NS["m"]))


def excel_date(serial):
    moment = datetime.datetime(1899, 12, 30) + datetime.timedelta(days=serial)
    # Excel keeps times as fractions of a day: round to the second.
    moment = (moment + datetime.timedelta(microseconds=500000)).replace(microsecond=0)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def main(path, number=1):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        relations = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        chosen = workbook.findall("m:sheets/m:sheet", NS)[number - 1]
        target = next(r.get("Target") for r in relations if r.get("Id") == chosen.get(RELS))
        sheet = ET.fromstring(archive.read("xl/" + target.lstrip("/").removeprefix("xl/")))

        shared = []
        if "xl/sharedStrings.xml" in names:
            table = ET.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = [text_of(si) for si in table.findall("m:si", NS)]

        styles = ET.fromstring(archive.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId")): f.get("formatCode")
                  for f in styles.findall("m:numFmts/m:numFmt", NS)}
        fonts = styles.findall("m:fonts/m:font", NS)
        xfs = styles.findall("m:cellXfs/m:xf", NS)

        def is_date_style(index):
            number_format = int(xfs[index].get("numFmtId", "0"))
            if number_format in BUILTIN_DATE_FORMATS:
                return True
            code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", custom.get(number_format, ""))
            return any(c in code.lower() for c in "ymdhs")

        def is_bold_style(index):
            font = fonts[int(xfs[index].get("fontId", "0"))]
            return font.find("m:b", NS) is not None

        rows = []
        header_bold = []
        date_formats = set()
        for row in sheet.findall("m:sheetData/m:row", NS):
            row_number = int(row.get("r"))
            while len(rows) < row_number:
                rows.append([])
            cells = rows[row_number - 1]
            for cell in row.findall("m:c", NS):
                column = column_index(cell.get("r"))
                while len(cells) <= column:
                    cells.append(None)
                kind = cell.get("t", "n")
                style = int(cell.get("s", "0"))
                if row_number == 1:
                    header_bold.append(is_bold_style(style))
                value = cell.find("m:v", NS)
                if kind == "s":
                    cells[column] = shared[int(value.text)]
                elif kind == "inlineStr":
                    cells[column] = text_of(cell.find("m:is", NS))
                elif kind == "str":
                    cells[column] = value.text or ""
                elif value is not None:
                    number = float(value.text)
                    if is_date_style(style):
                        cells[column] = {"date": excel_date(number)}
                        date_formats.add(custom.get(int(xfs[style].get("numFmtId", "0")), ""))
                    else:
                        cells[column] = number

        pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = (int(float(pane.get("ySplit", "0")))
                  if pane is not None and pane.get("state") == "frozen" else 0)
        autofilter = sheet.find("m:autoFilter", NS)
        print(json.dumps({
            "sheet": chosen.get("name"),
            "rows": rows,
            "frozen_rows": frozen,
            "bold_header": bool(header_bold) and all(header_bold),
            "formulas": len(sheet.findall(".//m:f", NS)),
            "autofilter": autofilter.get("ref") if autofilter is not None else None,
            "date_formats": sorted(date_formats),
        }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1)
