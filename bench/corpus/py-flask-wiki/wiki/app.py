import os
import subprocess

import requests
from flask import Flask, redirect, render_template, render_template_string, request
from markupsafe import Markup

from .storage import page_by_id, page_by_title

app = Flask(__name__)
UPLOADS = "/srv/wiki/uploads"


@app.route("/page")
def page():
    return str(page_by_title(request.args.get("title")))


@app.route("/page/<int:page_id>")
def page_id(page_id):
    return str(page_by_id(page_id))


@app.route("/preview", methods=["POST"])
def preview():
    src = request.form["source"]
    # ruleid: DSQ-PY-0008
    return render_template_string("<div>" + src + "</div>")


@app.route("/render")
def render():
    # ok: DSQ-PY-0008
    return render_template("page.html", body=request.args.get("body"))


@app.route("/attachment")
def attachment():
    name = request.args["name"]
    # ruleid: DSQ-PY-0004
    with open(os.path.join(UPLOADS, name), "rb") as fh:
        return fh.read()


@app.route("/export")
def export():
    fmt = request.args.get("format", "pdf")
    # ruleid: DSQ-PY-0002
    subprocess.check_output(f"pandoc page.md -o out.{fmt}", shell=True)
    # ok: DSQ-PY-0002
    subprocess.check_output(["pandoc", "page.md", "-o", "out.pdf"])
    return "ok"


@app.route("/import")
def import_url():
    # ruleid: DSQ-PY-0005
    body = requests.get(request.args["url"], timeout=10).text
    # ok: DSQ-PY-0005
    status = requests.get("https://status.example.com", timeout=10).status_code
    return body + str(status)


@app.route("/banner")
def banner():
    # ruleid: DSQ-PY-0007
    return Markup("<marquee>%s</marquee>" % request.args.get("text", ""))


@app.route("/back")
def back():
    # ruleid: DSQ-PY-0006
    return redirect(request.args.get("next"))


@app.route("/calc")
def calc():
    # ruleid: DSQ-PY-0003
    return str(eval(request.args["expr"]))


if __name__ == "__main__":
    # ruleid: DSQ-PY-0023
    app.run(debug=True)
