"""Pure parsing: bytes in, plain dataclasses out, no database.

`parse_document` is the one entry point; every failure is an `IngestError` whose message
is written for the editor who sees it.
"""
from .dispatch import parse_document
from .errors import IngestError
from .types import ParsedArticle, ParsedDocument

__all__ = ["IngestError", "ParsedArticle", "ParsedDocument", "parse_document"]
