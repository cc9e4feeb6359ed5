package live

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The levels of a Result, and of a Problem.
const (
	LevelOK      = "ok"
	LevelWarning = "warning"
	LevelError   = "error"
)

// Result is the verdict on one value a reader typed.
type Result struct {
	// Level is "ok", "warning" or "error".
	Level string
	// Code is a stable id ("required", "guid-format"...), "" when ok.
	Code string
	// Msg is short, reader-facing English, "" when ok. Only Level and Code
	// are shared with the browser script; its messages may be worded
	// differently.
	Msg string
}

// okResult is the Result of a value that passes.
var okResult = Result{Level: LevelOK}

func fail(code, msg string) Result { return Result{Level: LevelError, Code: code, Msg: msg} }

func warn(code, msg string) Result { return Result{Level: LevelWarning, Code: code, Msg: msg} }

// Validate checks a value a reader typed for v. The browser script runs the
// same algorithm, step by step:
//
//  1. Trim ASCII white space (space, \t, \n, \v, \f, \r) from both ends,
//     and nothing else: a no-break space stays.
//  2. Empty: error "required" if v.Required, else ok.
//  3. A control character (U+0000–U+001F, U+007F–U+009F) or a line or
//     paragraph separator (U+2028, U+2029) anywhere: error "single-line".
//  4. By type (Type "" and unknown types are string; a derived variable is
//     a string):
//     guid: guidOK, else "guid-format"; the all-zero GUID is a warning,
//     "guid-nil".
//     domain: domainOK, else "domain-format".
//     tenant: a GUID (as guid, "guid-nil" included); else common,
//     organizations or consumers in any ASCII case: warning
//     "tenant-multi"; else a domain; else "tenant-format".
//     url: urlOK, else "url-format".
//     redirect_uri: urlOK, else "url-format"; then the scheme must be https
//     unless the host is localhost or 127.0.0.1 ("redirect-https"); then
//     no '#' ("redirect-fragment"); then at most 256 code points
//     ("redirect-length").
//     enum: exactly one of the option values, else "enum-value".
//     string, secret: ok.
func Validate(v *Variable, value string) Result {
	if v == nil {
		v = &Variable{}
	}
	value = trimSpace(value)
	if value == "" {
		if v.Required {
			return fail("required", "This value is required.")
		}
		return okResult
	}
	for _, r := range value {
		if isControl(r) {
			return fail("single-line", "Enter a single line, without line breaks or control characters.")
		}
	}
	typ := strings.ToLower(trimSpace(v.Type))
	if v.Derived != "" {
		typ = TypeString
	}
	switch typ {
	case TypeGUID:
		if msg := guidProblem(value); msg != "" {
			return fail("guid-format", msg)
		}
		return guidNil(value)
	case TypeDomain:
		if msg := domainProblem(value); msg != "" {
			return fail("domain-format", msg)
		}
	case TypeTenant:
		return validateTenant(value)
	case TypeURL:
		if _, msg := parseURL(value); msg != "" {
			return fail("url-format", msg)
		}
	case TypeRedirectURI:
		return validateRedirect(value)
	case TypeEnum:
		for _, o := range v.Options {
			if o.Value == value {
				return okResult
			}
		}
		return fail("enum-value", "Choose one of: "+optionList(v.Options)+".")
	}
	return okResult
}

// trimSpace trims ASCII white space, and only that, from both ends of s.
func trimSpace(s string) string { return strings.Trim(s, " \t\n\v\f\r") }

// isControl reports whether r breaks a single-line value: a C0 or C1
// control character, DEL, or a Unicode line or paragraph separator.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029
}

// isJSSpace reports whether r is white space as JavaScript's \s means it,
// so that both sides agree on "no white space inside".
func isJSSpace(r rune) bool {
	switch {
	case r == ' ' || r >= '\t' && r <= '\r':
		return true
	case r == 0xa0 || r == 0x1680 || r >= 0x2000 && r <= 0x200a:
		return true
	case r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000 || r == 0xfeff:
		return true
	}
	return false
}

func optionList(opts []Option) string {
	if len(opts) == 0 {
		return "(no options are declared)"
	}
	vals := make([]string, len(opts))
	for i, o := range opts {
		vals[i] = o.Value
	}
	return strings.Join(vals, ", ")
}

// guidShape is the length of each hyphen-separated group of a GUID.
var guidShape = [5]int{8, 4, 4, 4, 12}

// guidProblem says what is wrong with s as a GUID, or "" when it is one:
// 36 characters, hyphens at 8, 13, 18 and 23, hexadecimal digits (either
// case) elsewhere. Braces, "urn:uuid:" and a missing hyphen are errors.
func guidProblem(s string) string {
	const shape = "A GUID is 8-4-4-4-12 hexadecimal digits, like 8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93."
	if strings.HasPrefix(s, "{") || strings.HasSuffix(s, "}") {
		return "Remove the braces: write the GUID without { }."
	}
	groups := strings.Split(s, "-")
	if len(groups) != 5 {
		if len(s) == 32 && isHex(s) {
			return "Write the GUID with its hyphens: 8-4-4-4-12 hexadecimal digits."
		}
		return shape
	}
	lens := make([]string, 5)
	same := true
	for i, g := range groups {
		lens[i] = strconv.Itoa(len(g))
		if len(g) != guidShape[i] {
			same = false
		}
	}
	if !same {
		return "A GUID is 8-4-4-4-12 hexadecimal digits; this one is " + strings.Join(lens, "-") + "."
	}
	for _, r := range s {
		if r != '-' && !isHexRune(r) {
			return fmt.Sprintf("%q is not a hexadecimal digit (0-9, a-f).", r)
		}
	}
	return ""
}

// guidNil warns about the all-zero GUID, which no tenant or application has.
func guidNil(s string) Result {
	if strings.Trim(s, "0-") == "" {
		return warn("guid-nil", "The all-zero GUID is a placeholder, not a real ID.")
	}
	return okResult
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexRune(rune(s[i])) {
			return false
		}
	}
	return true
}

func isHexRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// domainProblem says what is wrong with s as a DNS name, or "" when it is
// one: at most 253 characters; two or more labels separated by dots; each
// label 1–63 of [A-Za-z0-9-], not starting or ending with '-'; the last
// label letters only, at least two. A trailing dot is an error.
func domainProblem(s string) string {
	switch {
	case strings.Contains(s, "://") || strings.Contains(s, "/"):
		return "Write only the domain name, without https:// or a path."
	case strings.Contains(s, "@"):
		return "Write a domain name, such as contoso.com, not an email address."
	case !isASCII(s):
		return "Write an international domain name in its xn-- (punycode) form."
	case len(s) > 253:
		return "A domain name is at most 253 characters."
	case strings.HasSuffix(s, "."):
		return "Remove the dot at the end."
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return "A domain name has at least two parts, like contoso.com."
	}
	for _, l := range labels {
		if msg := labelProblem(l); msg != "" {
			return msg
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 || !allLetters(tld) {
		return "A domain name ends in a top-level domain of letters, like .com."
	}
	return ""
}

// labelProblem says what is wrong with one DNS label, or "".
func labelProblem(l string) string {
	if l == "" {
		return "A domain name has no empty parts (two dots in a row, or a dot at the start)."
	}
	if len(l) > 63 {
		return "Each part of a domain name is at most 63 characters."
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if c == '_' {
			return "Domain names cannot contain underscores."
		}
		if !isLetter(c) && !isDigit(c) && c != '-' {
			return fmt.Sprintf("%q is not allowed in a domain name (letters, digits, hyphens).", c)
		}
	}
	if l[0] == '-' || l[len(l)-1] == '-' {
		return "A part of a domain name cannot start or end with a hyphen."
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return true
}

// asciiLower lower-cases ASCII letters only, as the browser must (Unicode
// case folding would let "conſumers" match "consumers").
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// validateTenant accepts a directory (tenant) ID or a verified domain, and
// warns about the multi-tenant endpoints.
func validateTenant(s string) Result {
	if guidProblem(s) == "" {
		return guidNil(s)
	}
	switch asciiLower(s) {
	case "common", "organizations", "consumers":
		return warn("tenant-multi", "This is a multi-tenant endpoint: accounts from any organization can sign in. Use your tenant ID to limit sign-in to your directory.")
	}
	if domainProblem(s) == "" {
		return okResult
	}
	switch {
	case strings.Count(s, "-") >= 3 && !strings.Contains(s, "."):
		return fail("tenant-format", guidProblem(s))
	case strings.Contains(s, "."):
		return fail("tenant-format", domainProblem(s))
	}
	return fail("tenant-format", "A tenant is the directory (tenant) ID, a GUID, or a domain such as contoso.onmicrosoft.com.")
}

// urlParts is what parseURL keeps of a URL: the scheme and host in lower
// case, and the rest (path, query, fragment) as written.
type urlParts struct {
	scheme, host, rest string
}

// urlForbidden are the characters a URL must percent-encode.
const urlForbidden = "\"<>\\^`{|}"

// parseURL checks s as an http or https URL and splits it, or says what is
// wrong (msg != ""):
//
//	url       = scheme "://" authority rest
//	scheme    = "http" | "https" (any ASCII case)
//	authority = host [ ":" port ]         (everything up to the first / ? or #)
//	host      = hostname | ipv4 | "[" ipv6 "]"
//	hostname  = label *( "." label )       (labels as in domainProblem, the last
//	                                       not all digits; no trailing dot)
//	ipv4      = 4 dot-separated groups of 1–3 digits, each at most 255
//	ipv6      = hex digits, ':' and '.', with at least one ':'
//	port      = 1–5 digits, 1–65535
//	rest      = anything but white space (JavaScript's \s) and " < > \ ^ ` { | }
//
// No user name or password ('@' in the authority); at most 2048 code points.
func parseURL(s string) (urlParts, string) {
	var u urlParts
	if utf8.RuneCountInString(s) > 2048 {
		return u, "A URL is at most 2048 characters."
	}
	for _, r := range s {
		if isJSSpace(r) {
			return u, "Remove the spaces inside the URL."
		}
	}
	i := strings.Index(s, "://")
	if i < 0 {
		return u, "A URL starts with https:// (or http://)."
	}
	u.scheme = asciiLower(s[:i])
	if u.scheme != "http" && u.scheme != "https" {
		return u, "A URL starts with https:// (or http://)."
	}
	rest := s[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, rest := rest[:end], rest[end:]
	if authority == "" {
		return u, "The URL has no host name after ://."
	}
	if strings.Contains(authority, "@") {
		return u, "Remove the user name or password (the part before @)."
	}
	host, port, hasPort := authority, "", false
	if strings.HasPrefix(authority, "[") {
		j := strings.Index(authority, "]")
		if j < 0 {
			return u, "The IPv6 address has no closing ]."
		}
		host = authority[:j+1]
		after := authority[j+1:]
		if after != "" {
			if after[0] != ':' {
				return u, "Only a :port may follow the IPv6 address."
			}
			port, hasPort = after[1:], true
		}
		if msg := ipv6Problem(host[1:j]); msg != "" {
			return u, msg
		}
	} else {
		if j := strings.LastIndex(authority, ":"); j >= 0 {
			host, port, hasPort = authority[:j], authority[j+1:], true
		}
		if msg := hostProblem(host); msg != "" {
			return u, msg
		}
	}
	if hasPort {
		if msg := portProblem(port); msg != "" {
			return u, msg
		}
	}
	for _, r := range rest {
		if r < utf8.RuneSelf && strings.IndexByte(urlForbidden, byte(r)) >= 0 {
			return u, fmt.Sprintf("Write %q as %%%02X in a URL.", r, r)
		}
	}
	u.host = asciiLower(host)
	u.rest = rest
	return u, ""
}

// hostProblem says what is wrong with a URL's host name or IPv4 address.
func hostProblem(h string) string {
	if h == "" {
		return "The URL has no host name after ://."
	}
	if !isASCII(h) {
		return "Write an international host name in its xn-- (punycode) form."
	}
	if len(h) > 253 {
		return "A host name is at most 253 characters."
	}
	if strings.HasSuffix(h, ".") {
		return "Remove the dot at the end of the host name."
	}
	labels := strings.Split(h, ".")
	if len(labels) == 4 && allDigitLabels(labels) {
		for _, l := range labels {
			if n, _ := strconv.Atoi(l); n > 255 {
				return "An IPv4 address has four numbers from 0 to 255."
			}
		}
		return ""
	}
	for _, l := range labels {
		if msg := labelProblem(l); msg != "" {
			if strings.Contains(msg, "domain name") {
				msg = strings.Replace(msg, "domain name", "host name", 1)
			}
			return msg
		}
	}
	if last := labels[len(labels)-1]; allDigits(last) {
		return "An IPv4 address has four numbers from 0 to 255."
	}
	return ""
}

func allDigitLabels(labels []string) bool {
	for _, l := range labels {
		if l == "" || len(l) > 3 || !allDigits(l) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// ipv6Problem checks the inside of [ ] loosely: hex digits, ':' and '.',
// with at least one ':'.
func ipv6Problem(s string) string {
	if !strings.Contains(s, ":") {
		return "An IPv6 address in a URL is written [like::this]."
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isHexRune(rune(c)) && c != ':' && c != '.' {
			return "An IPv6 address in a URL is written [like::this]."
		}
	}
	return ""
}

// portProblem checks a URL's port: 1–5 digits, 1–65535.
func portProblem(p string) string {
	if p == "" || len(p) > 5 || !allDigits(p) {
		return "A port is a number from 1 to 65535, written after the host: https://example.com:8443."
	}
	if n, _ := strconv.Atoi(p); n < 1 || n > 65535 {
		return "A port is a number from 1 to 65535."
	}
	return ""
}

// validateRedirect checks a redirect URI as Microsoft Entra ID accepts it.
func validateRedirect(s string) Result {
	u, msg := parseURL(s)
	if msg != "" {
		return fail("url-format", msg)
	}
	if u.scheme != "https" && u.host != "localhost" && u.host != "127.0.0.1" {
		return fail("redirect-https", "A redirect URI must use https:// (http:// is allowed only for localhost).")
	}
	if strings.Contains(u.rest, "#") {
		return fail("redirect-fragment", "A redirect URI cannot contain a fragment (#...).")
	}
	if utf8.RuneCountInString(s) > 256 {
		return fail("redirect-length", "A redirect URI is at most 256 characters.")
	}
	return okResult
}
