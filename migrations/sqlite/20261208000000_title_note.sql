-- What an owner writes about a link: a title, and a note for themselves.
alter table link add column title text;
alter table link add column note text;
