#!/usr/bin/env python3
"""Writes a Hugo site from the benchmark's JSON lines, with a theme of the same pages Minbar
renders (home with the newest 10 and three featured posts, post page with labels, share links and
a comment form, label lists, RSS), so `hugo` and `minbar build` do comparable work: like
`minbar build`, only the first page of each list is written, and the featured list (the same on
every page) is rendered once (`partialCached`).

Usage: hugo_site.py POSTS.jsonl OUT_DIR STYLESHEET
"""
import json
import os
import shutil
import sys


def main():
    source, out, stylesheet = sys.argv[1:4]
    shutil.rmtree(out, ignore_errors=True)
    for d in ("content/posts", "layouts/_default", "layouts/partials", "static/static"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    shutil.copy(stylesheet, os.path.join(out, "static/static/minbar.css"))
    with open(os.path.join(out, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write(
            'baseURL = "http://127.0.0.1:18093/"\n'
            'languageCode = "ar"\n'
            'title = "منبج الحدث"\n'
            "[pagination]\n  pagerSize = 10\n"
            "[taxonomies]\n  tag = 'tags'\n"
            "[permalinks]\n  posts = '/:year/:month/:slug.html'\n"
            "[markup.goldmark.renderer]\n  unsafe = false\n"
        )
    with open(source, encoding="utf-8") as f:
        for n, line in enumerate(f):
            row = json.loads(line)
            date = (row.get("date") or "2015-08-01 00:00:00").replace(" ", "T") + "Z"
            tags = [row["category"]] if row.get("category") else []
            body = "\n\n".join(p.strip() for p in row["body"].split("\n") if p.strip())
            front = {
                "title": row["title"].strip(),
                "date": date,
                "slug": f"post-{n}",
                "tags": tags,
                "featured": n < 3,
            }
            with open(os.path.join(out, f"content/posts/{n}.md"), "w", encoding="utf-8") as p:
                p.write(json.dumps(front, ensure_ascii=False) + "\n\n" + body + "\n")
    layouts = {
        "_default/baseof.html": """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<link rel="stylesheet" href="/static/minbar.css">
<link rel="alternate" type="application/rss+xml" href="/index.xml">
</head><body>
<header class="site-header"><a class="site-title" href="/">{{ site.Title }}</a></header>
{{ partialCached "featured.html" . "featured" }}
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p>{{ site.Title }}</p></footer>
</body></html>
""",
        "partials/featured.html": """<section class="featured"><ul>
{{ range first 3 (where site.RegularPages "Params.featured" true) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></section>
""",
        "_default/single.html": """{{ define "main" }}<article class="post">
<header><h1>{{ .Title }}</h1><p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p></header>
<div class="body">{{ .Content }}</div>
{{ with .Params.tags }}<nav class="labels"><ul>{{ range . }}<li><a rel="tag" href="/tags/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></nav>{{ end }}
<nav class="share"><ul>
<li><a href="https://wa.me/?text={{ .Title | urlquery }}%20{{ .Permalink | urlquery }}">واتساب</a></li>
<li><a href="https://t.me/share/url?url={{ .Permalink | urlquery }}">تيليغرام</a></li>
<li><a href="https://www.facebook.com/sharer/sharer.php?u={{ .Permalink | urlquery }}">فيسبوك</a></li>
</ul></nav></article>
<section id="comments" class="comments"><h2>لا تعليقات</h2>
<form class="comment-form" method="post" action="{{ .RelPermalink }}">
<p><label for="name">الاسم</label><input id="name" name="name" required></p>
<p><label for="body">التعليق</label><textarea id="body" name="body" required></textarea></p>
<p><button type="submit">إرسال تعليق</button></p></form></section>
{{ end }}
""",
        "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range first 10 .Pages }}<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<p class="excerpt">{{ .Summary | plainify | truncate 220 }}</p></article>{{ end }}
{{ end }}
""",
        "index.html": """{{ define "main" }}
{{ range first 10 (where site.RegularPages "Type" "posts") }}<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<p class="excerpt">{{ .Summary | plainify | truncate 220 }}</p></article>{{ end }}
{{ end }}
""",
    }
    for name, text in layouts.items():
        with open(os.path.join(out, "layouts", name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
