from flask import render_template, render_template_string, request


def greet():
    name = request.args.get("name")
    # ruleid: DSQ-PY-0008
    return render_template_string("<h1>Hello " + name + "</h1>")


def greet_ok():
    # ok: DSQ-PY-0008
    return render_template_string("<h1>Hello {{ name }}</h1>", name=request.args.get("name"))


def greet_file():
    # ok: DSQ-PY-0008
    return render_template("hello.html", name=request.args.get("name"))
