// oclif wraps its messages at the terminal's width (80 columns off a terminal),
// which only moves its line breaks; aigc's own messages are never wrapped.
// Imported before oclif, so the messages compared with aigc's are unwrapped.
process.env.OCLIF_COLUMNS = '10000';
