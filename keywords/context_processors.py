from .selectors import keyword_years


def navigation(request):
    """The latest year with a keyword list, for the header of every page (a lazy
    queryset: pages that do not render the header run no query)."""
    return {"nav_years": keyword_years()[:1]}
