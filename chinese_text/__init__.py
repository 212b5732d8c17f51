"""Pure Chinese text helpers, one of each: normalisation, sentences, numerals, dates.

No Django here: the parsers (articles.ingest), the text analysis (keywords.text), search
and story grouping all import from this package, so that a full-width letter, a Chinese
numeral, a sentence or a date is read the same way everywhere.

- `normalise`: `fold` and `key`, for comparing and indexing;
- `numerals`: `read_number` (`二〇一三`, `三十一`, `廿三`, `两千`);
- `sentences`: `split_sentences` with offsets, `ends_sentence`, `ends_statement` (a
  headline may ask), `ends_like_text`, `continues_sentence`;
- `dates`: `find_dates` in running text, `stated_date` / `parse_published` for a stated
  date, `first_day` (a dateline's day), `opens_with_day` (a news opening), `url_date`,
  `date_label`, the precision vocabulary (year | quarter | month | day | minute) and `CHINA`.
Charset labels are bytes, not text: they are read in `articles.ingest.decode`.
"""
