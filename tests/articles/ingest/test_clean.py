from articles.ingest.clean import drop_repeated_blocks

P1 = "第一段：2013年，在线交易依然是B2B行业探索发展的方向，平台纷纷上线交易系统。"
P2 = "第二段：互联网金融在2013年继续高热，B2B企业尤其积极，小贷与担保相继落地。"


def test_a_paragraph_repeated_later_is_dropped():
    assert drop_repeated_blocks([P1, P2, P1]) == [P1, P2]


def test_short_lines_that_repeat_are_kept():
    assert drop_repeated_blocks(["2B哥小评", P1, "2B哥小评", P2]) == ["2B哥小评", P1, "2B哥小评", P2]


def test_a_flattened_copy_of_the_paragraphs_is_dropped():
    flat = f"{P1} {P2}"
    assert drop_repeated_blocks([flat, P1, P2]) == [P1, P2]


def test_headings_only_in_the_flattened_copy_are_restored_before_their_paragraph():
    flat = f"在线交易 {P1} 互联网金融 {P2}"
    assert drop_repeated_blocks([flat, P1, P2]) == ["在线交易", P1, "互联网金融", P2]


def test_spacing_differences_do_not_hide_a_repeat():
    spaced = P1.replace("2013年", "2013 年")
    assert drop_repeated_blocks([P1, spaced]) == [P1]


def test_distinct_paragraphs_are_untouched():
    assert drop_repeated_blocks([P1, P2]) == [P1, P2]
