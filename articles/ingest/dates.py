"""Kept for the ingest modules that import dates from here: the one parser lives in
`chinese_text.dates`."""
from chinese_text.dates import CHINA, parse_published

__all__ = ["CHINA", "parse_published"]
