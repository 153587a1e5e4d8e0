#!/usr/bin/env python3
"""Checks what PDF/UA-1 asks of a tagged PDF that a machine can check and
that `pdfua` (PyPI) does not cover, with pikepdf and poppler's
`pdfinfo -struct-text` — tools that are not folio:

- every painting operator (text, images, paths) is inside marked content
  that is either tagged (has an MCID the parent tree knows) or an Artifact;
- every MCID on a page belongs to a structure element (the parent tree);
- heading levels are never skipped and no heading is empty;
- every Figure has /Alt; every Table has a header cell (TH);
- every link annotation is tagged (/StructParent to a Link element) and
  has /Contents; a page with annotations orders tabs by structure;
- the catalog: /MarkInfo /Marked, /Lang, /ViewerPreferences
  /DisplayDocTitle, an XMP packet with dc:title and pdfuaid:part 1;
- every entry of the outline is a heading of the tree, in reading order.

Usage: pdf-accessibility-check.py FILE.pdf ...   (exit 1 on any finding)
"""

import re
import subprocess
import sys

import pikepdf

PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh"}


def check(path):
    findings = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        findings.append("catalog: /MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")).strip():
        findings.append("catalog: no /Lang")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        findings.append("catalog: /ViewerPreferences /DisplayDocTitle is not true")
    xmp = root.Metadata.read_bytes().decode("utf-8") if "/Metadata" in root else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp or "<dc:title>" not in xmp:
        findings.append("XMP: no pdfuaid:part 1 or no dc:title")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return findings + ["no structure tree"]

    # The parent tree: page key -> elements by MCID, annotation key -> element.
    nums = {}
    def collect(node):
        if "/Nums" in node:
            items = list(node.Nums)
            for key, value in zip(items[::2], items[1::2]):
                nums[int(key)] = value
        for kid in node.get("/Kids", []):
            collect(kid)
    collect(tree.ParentTree)

    for number, page in enumerate(pdf.pages, start=1):
        key = page.obj.get("/StructParents")
        elements = nums.get(int(key), []) if key is not None else []
        stack = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BMC":
                stack.append(("artifact" if str(operands[0]) == "/Artifact" else "other", None))
            elif op == "BDC":
                props = operands[1]
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                kind = "artifact" if str(operands[0]) == "/Artifact" else ("tagged" if mcid is not None else "other")
                stack.append((kind, mcid))
                if mcid is not None and (int(mcid) >= len(elements) or elements[int(mcid)] is None):
                    findings.append(f"page {number}: MCID {mcid} belongs to no structure element")
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in PAINTING and not any(kind in ("tagged", "artifact") for kind, _ in stack):
                findings.append(f"page {number}: '{op}' outside tagged content or an artifact")
                break
        annots = page.obj.get("/Annots", [])
        if len(annots) and str(page.obj.get("/Tabs", "")) != "/S":
            findings.append(f"page {number}: annotations but no /Tabs /S")
        for annot in annots:
            if annot.get("/Subtype") != "/Link":
                continue
            parent = annot.get("/StructParent")
            element = nums.get(int(parent)) if parent is not None else None
            if element is None or element.get("/S") != "/Link":
                findings.append(f"page {number}: a link annotation is not tagged as a Link")
            if not str(annot.get("/Contents", "")).strip():
                findings.append(f"page {number}: a link annotation has no /Contents")

    # The tree: heading levels, empty headings, figures, tables.
    last_level = 0
    def walk(element):
        nonlocal last_level
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/MCR":
            return
        role = str(element.get("/S", ""))
        match = re.fullmatch(r"/H([1-6])", role)
        if match:
            level = int(match.group(1))
            if level > last_level + 1:
                findings.append(f"heading level skipped: H{last_level} then H{level}")
            last_level = level
            if "/K" not in element:
                findings.append(f"an empty {role[1:]}")
        if role == "/Figure" and not str(element.get("/Alt", "")).strip():
            findings.append("a Figure without /Alt")
        if role == "/Table" and not has_role(element, "/TH"):
            findings.append("a Table without a header cell")
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            walk(kid)
    walk(tree.K if not isinstance(tree.K, pikepdf.Array) else tree.K[0])

    # The outline against the tree's headings, as poppler reads them.
    headings = []
    text = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True, check=True).stdout
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if re.match(r"\s*H[1-6]\b", line):
            depth = len(line) - len(line.lstrip())
            words = []
            for after in lines[n + 1:]:
                if len(after) - len(after.lstrip()) <= depth:
                    break
                quoted = re.match(r'\s*"(.*)"$', after)
                if quoted:
                    words.append(quoted.group(1).strip())
            headings.append(" ".join(words))
    outline = []
    with pdf.open_outline() as tree_of_titles:
        def titles(items):
            for item in items:
                outline.append(str(item.title))
                titles(item.children)
        titles(tree_of_titles.root)
    at = 0
    for title in outline:
        found = next((n for n in range(at, len(headings)) if headings[n].startswith(title.strip())), None)
        if found is None:
            findings.append(f"outline entry '{title}' is not a heading of the tree (in order)")
        else:
            at = found + 1
    return findings


def has_role(element, role):
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
            if kid.get("/S") == role or has_role(kid, role):
                return True
    return False


def main(paths):
    bad = 0
    for path in paths:
        findings = check(path)
        if findings:
            bad += 1
            print(f"{path}: {len(findings)} finding(s)")
            for finding in findings[:20]:
                print(f"  {finding}")
        else:
            print(f"ok {path}: tagged, artifacts marked, headings in order, figures described, links tagged")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
