"""Rich text written from plain text, as the demo loader and the case-study importer need it."""

import html


def text_to_html(text: str) -> str:
    """Paragraphs separated by blank lines; lines starting with '- ' become a list."""
    blocks = []
    for chunk in (part.strip() for part in text.split("\n\n")):
        if not chunk:
            continue
        lines = chunk.splitlines()
        items = [line[2:].strip() for line in lines if line.startswith("- ")]
        prose = [line for line in lines if not line.startswith("- ")]
        if prose:
            blocks.append("<p>" + html.escape(" ".join(prose)) + "</p>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>")
    return "".join(blocks)
