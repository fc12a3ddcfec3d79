"""Sign-in, lock-out, sessions, CSRF and secure headers."""
from fastapi.testclient import TestClient

from .conftest import PASSWORD, Client, csrf_from, login


def test_form_login_with_csrf_and_logout(app, world):
    c = TestClient(app, follow_redirects=False)
    page = c.get("/login")
    assert page.status_code == 200 and 'id="login-form"' in page.text
    token = csrf_from(page.text)
    # a login form posted without the pre-session token is refused
    r = c.post("/login", data={"username": "kep", "password": PASSWORD})
    assert r.status_code == 303 and "/login?error=" in r.headers["location"]
    r = c.post("/login", data={"username": "kep", "password": PASSWORD, "csrf_token": token, "next": "/cases"})
    assert r.status_code == 303 and r.headers["location"] == "/cases"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    page = c.get("/cases")
    assert page.status_code == 200
    csrf = csrf_from(page.text)
    assert c.post("/logout", data={}).status_code == 403  # no CSRF token
    assert c.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert c.get("/cases").status_code == 303  # session gone: back to the login page


def test_open_redirect_refused(app, world):
    c = TestClient(app, follow_redirects=False)
    token = csrf_from(c.get("/login").text)
    r = c.post("/login", data={"username": "kep", "password": PASSWORD, "csrf_token": token,
                               "next": "//evil.example/"})
    assert r.headers["location"] == "/dashboard"


def test_lockout_after_repeated_failures(app, world):
    c = TestClient(app)
    for _ in range(5):
        r = c.post("/api/login", json={"username": "humas_a", "password": "salah-salah-salah"})
        assert r.status_code == 401
        assert "salah" in r.json()["detail"]
    r = c.post("/api/login", json={"username": "humas_a", "password": PASSWORD})
    assert r.status_code == 401 and "Terlalu banyak" in r.json()["detail"]
    # unknown users get the same generic answer
    r = c.post("/api/login", json={"username": "tidak-ada", "password": "x"})
    assert r.status_code == 401 and r.json()["detail"] == "Nama pengguna atau kata sandi salah."
    # the admin unlocks
    admin = login(app, "admin")
    r = admin.api("PATCH", f"/api/admin/users/{world['humas_a']}", json={"unlock": True})
    assert r.status_code == 200 and r.json()["locked"] is False
    login(app, "humas_a")
    # failures and the lock are in the audit log
    actions = [e["action"] for e in admin.get("/api/admin/audit?object_type=user").json()["items"]]
    assert "auth.login_failed" in actions and "auth.login_locked" in actions


def test_api_requires_session_and_csrf(app, world):
    anon = TestClient(app, follow_redirects=False)
    assert anon.get("/api/findings").status_code == 401
    r = anon.get("/findings?rule=2")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/findings")
    kep = login(app, "kep")
    r = kep.post("/api/findings/1/review", json={"verdict": "dismiss", "reason": "x"})  # no X-CSRF-Token
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    r = kep.post("/api/findings/1/review", json={"verdict": "dismiss", "reason": "x"},
                 headers={"X-CSRF-Token": "palsu"})
    assert r.status_code == 403
    # login by a cross-site form (not JSON) is refused
    r = anon.post("/api/login", data={"username": "kep", "password": PASSWORD})
    assert r.status_code in (400, 422)


def test_secure_headers(app, world):
    c = login(app, "kep")
    r = c.get("/dashboard")
    h = r.headers
    assert "default-src 'self'" in h["content-security-policy"] and "script-src 'self'" in h["content-security-policy"]
    assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "same-origin" and h["cache-control"] == "no-store"
    assert "cdn" not in r.text.lower() and "https://" not in r.text.split("<main")[0]


def test_passwords_are_argon2_hashed(app, world):
    from rambu.store.models import User
    with app.state.factory() as s:
        u = s.query(User).filter_by(username="kep").one()
        assert u.password_hash.startswith("$argon2") and PASSWORD not in u.password_hash


def test_change_own_password(app, world):
    c = login(app, "leader")
    r = c.api("POST", "/api/me/password", json={"old_password": "salah", "new_password": "baru-sekali-123"})
    assert r.status_code == 400
    r = c.api("POST", "/api/me/password", json={"old_password": PASSWORD, "new_password": "baru-sekali-123"})
    assert r.status_code == 200
    login(app, "leader", "baru-sekali-123")
    assert isinstance(c, Client)
