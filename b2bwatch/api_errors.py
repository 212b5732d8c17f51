"""Error responses every API operation documents, so clients (and schemathesis) know them."""

_ERROR = {
    "application/json": {
        "schema": {"type": "object", "properties": {"detail": {}}, "required": ["detail"]}
    }
}

DOCUMENTED_ERRORS = {
    "responses": {
        "404": {"description": "没有这个对象", "content": _ERROR},
        "422": {"description": "参数不合法", "content": _ERROR},
    }
}
