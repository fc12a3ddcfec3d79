"""A batch's media paths must stay inside the batch's folder (contract: relative to the batch file)."""
import pytest

from rambu.contract.activity import ContractError, parse_activity


def act(path, where="media"):
    a = {"id": "1", "type": "share", "created_at": "2025-01-01T10:00:00+07:00"}
    item = [{"kind": "image", "path": path}]
    if where == "media":
        a["media"] = item
    else:
        a["target"] = {"media": item}
    return a


@pytest.mark.parametrize("path", ["../rahasia.png", "a/../../rahasia.png", "/etc/passwd", "C:\\data\\x.png",
                                  "c:/x.png", "\\\\server\\x.png", "a\\..\\..\\x.png", "x\x00.png"])
@pytest.mark.parametrize("where", ["media", "target"])
def test_escaping_paths_are_refused(path, where):
    with pytest.raises(ContractError) as e:
        parse_activity(act(path, where), base_dir="batch")
    assert e.value.field.endswith("[0].path") and "relatif" in e.value.message


@pytest.mark.parametrize("path", ["media/foto.jpg", "foto.jpg", "a/b/c.png", "nama..titik.jpg", "./media/x.jpg"])
def test_paths_inside_the_folder_are_kept(path):
    assert parse_activity(act(path), base_dir="batch").media[0].path == path


def test_code_without_a_batch_folder_may_name_any_file():
    """The Python API (Screener.screen on a dict) is trusted code: a batch file is not."""
    assert parse_activity(act("/srv/media/foto.jpg")).media[0].path == "/srv/media/foto.jpg"
