rootProject.name = "shortlinks"
