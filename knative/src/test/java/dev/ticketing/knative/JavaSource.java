package dev.ticketing.knative;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Java source file with its comments blanked out (string literals kept), for pattern scans. */
record JavaSource(Path file, String pkg, String code) {

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

    static JavaSource read(Path file) {
        String code = stripComments(Repository.read(file));
        Matcher m = PACKAGE.matcher(code);
        return new JavaSource(file, m.find() ? m.group(1) : "", code);
    }

    Set<String> imports() {
        Set<String> out = new LinkedHashSet<>();
        IMPORT.matcher(code).results().forEach(r -> out.add(r.group(1)));
        return out;
    }

    /** The fully qualified name a type name stands for here: as written, imported, by a wildcard import, or in this package. */
    String resolve(String simpleOrQualified) {
        if (simpleOrQualified.contains(".")) {
            return simpleOrQualified;
        }
        for (String i : imports()) {
            if (i.endsWith("." + simpleOrQualified)) {
                return i;
            }
        }
        for (String i : imports()) {
            if (i.endsWith(".*")) {
                String candidate = i.substring(0, i.length() - 1) + simpleOrQualified;
                if (loadable(candidate)) {
                    return candidate;
                }
            }
        }
        return pkg.isEmpty() ? simpleOrQualified : pkg + "." + simpleOrQualified;
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, JavaSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The code with the contents of string and char literals blanked as well. */
    String withoutLiterals() {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = code.startsWith("\"\"\"", i);
                String close = block ? "\"\"\"" : String.valueOf(c);
                int j = i + close.length();
                while (j < n && !code.startsWith(close, j)) {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + close.length());
                out.append(close);
                for (int k = i + close.length(); k < j - close.length(); k++) {
                    out.append(code.charAt(k) == '\n' ? '\n' : ' ');
                }
                out.append(j - i >= 2 * close.length() ? close : "");
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Replaces comments by blanks (keeping line breaks), leaving string, char and text-block literals intact. */
    static String stripComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(src.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' && src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                out.append(src, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
