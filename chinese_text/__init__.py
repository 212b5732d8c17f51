"""Pure Chinese text helpers, one of each: normalisation, sentences, numerals, dates.

No Django here: the parsers (articles.ingest), the text analysis (keywords.text), search
and story grouping all import from this package, so that a full-width letter, a Chinese
numeral or a date is read the same way everywhere.
"""
