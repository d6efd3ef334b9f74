-- The owner's link preview (JSON: title, description, image_url), shown to link
-- previewers on the Continue page of a humans_only link when the operator allows it.
alter table link add column preview text;
