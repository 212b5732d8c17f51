import pytest

from chinese_text.numerals import read_number


@pytest.mark.parametrize(
    "text, number",
    [
        ("二〇一三", 2013),
        ("二零一五", 2015),
        ("２０１５", 2015),
        ("09", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三十一", 31),
        ("廿三", 23),
        ("卅", 30),
        ("一百零五", 105),
        ("两千", 2000),
        ("一万五千", 15000),
        ("3万", 30000),
        ("一亿两千万", 120_000_000),
    ],
)
def test_numbers_read_the_same_whether_written_digit_by_digit_or_with_units(text, number):
    assert read_number(text) == number


@pytest.mark.parametrize("text", ["", "年", "十a", "第三"])
def test_a_word_is_not_read_as_zero(text):
    with pytest.raises(ValueError):
        read_number(text)
