package watch

import "strings"

// IsTemp reports whether name, the base name of a file, is one that editors
// and save tools write beside a document and remove or rename away moments
// later. Such files are never reported and never delay a Batch. The list is
// kept to names no site would use for content:
//
//	*~                                   vim and emacs backups (x.md~)
//	*.swp *.swx *.swpx                   vim swap files and vim's probes
//	.*.swa … .*.swo                      vim's further swap files (hidden names only)
//	4913                                 vim's probe for a writable folder
//	.#*                                  emacs lock files (.#x.md)
//	#*#                                  emacs auto-saves (#x.md#)
//	*.kate-swp                           Kate swap files
//	.DS_Store                            macOS Finder metadata
//	*___jb_tmp___ *___jb_old___ *___jb_bak___   JetBrains "safe write"
//	.goutputstream-*                     GNOME (GIO) atomic saves, gedit
//	*.sb-*                               Byword atomic saves (x.md.sb-1a2b3c-XyZ)
//	*.tmp                                atomic-save tools writing x.md.tmp
//
// Matching is case-sensitive and applies to files only; a directory is never
// dropped by name (use Options.Ignore for that).
func IsTemp(name string) bool {
	if name == "" {
		return false
	}
	if name == "4913" || name == ".DS_Store" {
		return true
	}
	for _, suffix := range [...]string{
		"~",
		".swp", ".swx", ".swpx",
		".kate-swp",
		"___jb_tmp___", "___jb_old___", "___jb_bak___",
		".tmp",
	} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	if strings.HasPrefix(name, ".#") || strings.HasPrefix(name, ".goutputstream-") {
		return true
	}
	if len(name) >= 3 && name[0] == '#' && name[len(name)-1] == '#' {
		return true
	}
	ext := name[strings.LastIndexByte(name, '.')+1:]
	if strings.HasPrefix(ext, "sb-") && ext != name {
		return true
	}
	// Vim names further swap files .x.md.swo, .x.md.swn, ... down to .swa
	// when .x.md.swp is taken. Only the hidden names vim itself writes are
	// dropped, so a visible x.swf stays a file.
	if name[0] == '.' && len(ext) == 3 && ext != name && ext[0] == 's' && ext[1] == 'w' && ext[2] >= 'a' && ext[2] <= 'p' {
		return true
	}
	return false
}
