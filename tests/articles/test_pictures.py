"""Which of an article's stored pictures a page may show, and the policy that lets them load."""
from articles.pictures import MAX_HOSTS, pictures_to_show, policy_allowing

POLICY = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'"


def test_pictures_from_named_hosts_are_shown_with_their_captions():
    shown, links = pictures_to_show([
        {"src": "https://img.example.com/a.jpg", "alt": "图1 交易规模"},
        {"src": "http://pic.example.cn:8080/b.png", "alt": ""},
    ])
    assert [(p.src, p.caption, p.origin) for p in shown] == [
        ("https://img.example.com/a.jpg", "图1 交易规模", "https://img.example.com"),
        ("http://pic.example.cn:8080/b.png", "", "http://pic.example.cn:8080"),
    ]
    assert links == []


def test_addresses_a_reader_s_own_network_could_answer_stay_links():
    hostile = ["http://192.168.1.1/reboot.gif", "http://localhost/x.png", "http://[::1]/x.png",
               "http://10.0.0.1:80/a.png", "http://intranet/a.png"]
    shown, links = pictures_to_show([{"src": src, "alt": "x"} for src in hostile])
    assert shown == [] and [link["src"] for link in links] == hostile


def test_a_host_that_could_write_into_the_policy_is_never_shown():
    shown, links = pictures_to_show([
        {"src": "https://a.example.com;script-src *;/x.png", "alt": ""},
        {"src": "https://a.example.com'unsafe-inline'/x.png", "alt": ""},
        {"src": "javascript:alert(1)", "alt": "脚本"},
        {"src": "data:image/png;base64,AAAA", "alt": ""},
        "not a dict",
    ])
    assert shown == []
    assert [link["src"] for link in links] == [  # links as before, escaped where they are written
        "https://a.example.com;script-src%20*;/x.png", "https://a.example.com'unsafe-inline'/x.png", "", "",
    ]


def test_pictures_beyond_a_few_hosts_stay_links():
    images = [{"src": f"https://img{n}.example.com/p.jpg", "alt": ""} for n in range(MAX_HOSTS + 2)]
    images.append({"src": "https://img0.example.com/second.jpg", "alt": ""})  # a host already named
    shown, links = pictures_to_show(images)
    assert len({p.origin for p in shown}) == MAX_HOSTS and shown[-1].src.endswith("second.jpg")
    assert [link["src"] for link in links] == [f"https://img{n}.example.com/p.jpg" for n in (MAX_HOSTS, MAX_HOSTS + 1)]


def test_the_policy_names_the_pictures_hosts_in_img_src_only():
    policy = policy_allowing(POLICY, ["https://img.example.com", "https://b.example.com", "https://img.example.com"])
    assert policy == ("default-src 'self'; script-src 'self'; "
                      "img-src 'self' data: https://b.example.com https://img.example.com; object-src 'none'")
    assert policy_allowing(POLICY, []) == POLICY
    assert policy_allowing("default-src 'self'", ["https://a.example.com"]) == (
        "default-src 'self'; img-src 'self' https://a.example.com"
    )
