#!/usr/bin/env python3
"""Prints each failed test of a .trx file with its message and the first lines of its stack, so that a CI log that
shows only this script's output still says why a test failed."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def lines(text, count):
    kept = [line.rstrip() for line in (text or "").splitlines() if line.strip()]
    return kept[:count] + (["    …"] if len(kept) > count else [])


for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        print(f"  (no readable results in {path}: {error})")
        continue
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        print(f"\n  FAILED {result.get('testName')} ({result.get('duration')})")
        message = result.find(".//t:ErrorInfo/t:Message", NS)
        stack = result.find(".//t:ErrorInfo/t:StackTrace", NS)
        for line in lines(message.text if message is not None else "", 25):
            print(f"    {line}")
        # Our own frames say where; the library's frames above them rarely do.
        frames = lines(stack.text if stack is not None else "", 200)
        ours = [line for line in frames if " Bangfu." in line]
        for line in (ours or frames)[:6]:
            print(f"    {line}")
