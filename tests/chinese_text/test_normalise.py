from chinese_text.normalise import fold, key


def test_full_width_and_case_fold_to_one_form():
    assert fold("Ｐ４Ｐ") == fold("P4P") == fold("p4p") == "p4p"


def test_key_keeps_only_letters_digits_and_cjk():
    assert key("《跨境电商》 报告（2013）") == key("跨境电商报告2013")
