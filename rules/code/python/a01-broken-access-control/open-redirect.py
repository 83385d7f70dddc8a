from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def login_done(request):
    nxt = request.GET.get("next", "/")
    # ruleid: DSQ-PY-0006
    return redirect(nxt)


def login_done_safe(request):
    nxt = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = "/"
        return redirect("/")
    # ok: DSQ-PY-0006
    return redirect(nxt)


def home(request):
    # ok: DSQ-PY-0006
    return redirect("/dashboard")
