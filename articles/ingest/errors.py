class IngestError(Exception):
    """A document could not be read or structured; the message is shown to the editor."""
