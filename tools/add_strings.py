#!/usr/bin/env python3
"""Adds or replaces UI strings in both resource files.

Reads lines of `Key<TAB>中文<TAB>English` from standard input. SharedResource.resx holds Chinese (the default
culture), SharedResource.en.resx English. Keys stay sorted so diffs stay small.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

RES = Path(__file__).resolve().parent.parent / "src" / "Bangfu" / "Resources"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def save(path, entries):
    out = [HEADER]
    for k in sorted(entries):
        out.append(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
    out.append("</root>\n")
    path.write_text("".join(out), encoding="utf-8")


def main():
    zh_path, en_path = RES / "SharedResource.resx", RES / "SharedResource.en.resx"
    zh, en = load(zh_path), load(en_path)
    for n, line in enumerate(sys.stdin, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            sys.exit(f"line {n}: expected Key<TAB>中文<TAB>English: {line!r}")
        key, z, e = parts
        zh[key], en[key] = z, e
    save(zh_path, zh)
    save(en_path, en)


if __name__ == "__main__":
    main()
