"""The stack runs production settings with secrets of its own, kept private."""

import re
import stat


def test_the_stacks_environment_passes_djangos_deployment_checks(running_stack):
    result = running_stack.manage("check", "--deploy", "--fail-level", "WARNING")
    assert "System check identified no issues" in result.stdout
    assert running_stack.app_env()["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"


def test_secrets_are_readable_by_their_owner_only(running_stack):
    for name in ("secret-key", "admin-password", "env", "tls/localhost.key"):
        mode = stat.S_IMODE((running_stack.serve_dir / name).stat().st_mode)
        assert mode == 0o600, f"{name} has mode {oct(mode)}"
    assert len(running_stack.app_env()["SECRET_KEY"]) >= 50


def test_the_administrator_logs_in_over_https_with_the_written_password(running_stack):
    client = running_stack.session()
    login = running_stack.url + "/admin/login/"
    form = client.get(login, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        login,
        data={"csrfmiddlewaretoken": token, "username": running_stack.admin_username, "password": running_stack.admin_password},
        headers={"Referer": login},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    assert client.cookies.get("sessionid")
