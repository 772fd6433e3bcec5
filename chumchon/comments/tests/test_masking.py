from chumchon.comments.models import mask_ip


def test_it_masks_ipv4_like_gotoknow() -> None:
    assert mask_ip("203.157.44.226") == "xxx.157.44.226"


def test_it_masks_ipv6_to_its_48() -> None:
    assert mask_ip("2001:db8:abcd:12:1:2:3:4") == "2001:db8:abcd::/48"


def test_it_shows_nothing_for_garbage() -> None:
    assert mask_ip("not-an-ip") == ""
    assert mask_ip(None) == ""
