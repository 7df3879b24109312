-- How dates are written (digits, month names) and the Facebook app id for the comments tab.
ALTER TABLE site ADD COLUMN digits TEXT NOT NULL DEFAULT 'latn';
ALTER TABLE site ADD COLUMN month_names TEXT;
ALTER TABLE site ADD COLUMN facebook_app_id TEXT;
