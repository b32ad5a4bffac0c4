"""Draw the PNG favicons (static/favicon-32.png, static/apple-touch-icon.png) from the same
shapes as static/favicon.svg: browsers without SVG icons and iOS home screens use them.
Run once after changing the icon: .venv/bin/python tools/make_favicons.py"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "static"
BRAND, WHITE, PALE = "#0b5d57", "#ffffff", "#d8efe9"
# The SVG's two pages of an open book, on its 64-unit grid.
LEFT = [(10, 18), (21, 15.5), (32, 21), (32, 50), (21, 45), (10, 47)]
RIGHT = [(54, 18), (43, 15.5), (32, 21), (32, 50), (43, 45), (54, 47)]


def draw(size: int, rounded: bool) -> Image.Image:
    scale = 8  # drawn large and scaled down, for smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    unit = big / 64
    canvas.rounded_rectangle((0, 0, big - 1, big - 1), radius=12 * unit if rounded else 0, fill=BRAND)
    canvas.polygon([(x * unit, y * unit) for x, y in LEFT], fill=WHITE)
    canvas.polygon([(x * unit, y * unit) for x, y in RIGHT], fill=PALE)
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    draw(32, rounded=True).save(STATIC / "favicon-32.png", optimize=True)
    draw(180, rounded=False).save(STATIC / "apple-touch-icon.png", optimize=True)  # iOS rounds the corners itself
