"""The demo organisation: Thai content written for chumchon, loaded through the services.

`load.py` runs the steps; the content lives in `data/` (TOML, and posts as Markdown with
TOML headers) so that it can be read and edited without touching code.
"""
