-- Addresses a site had on the platform it came from that do not fit Minbar's (WordPress's
-- `/2018/10/20/hello/` and `/?p=12`): each answers with a permanent redirect to the page that
-- holds the content now. `from_path` is the path (percent-decoded) and, for WordPress's query
-- forms, the query.
CREATE TABLE redirects (
    from_path TEXT PRIMARY KEY,
    to_path TEXT NOT NULL
);
