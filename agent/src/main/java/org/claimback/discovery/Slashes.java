package org.claimback.discovery;

/** Slashes at the ends of a relative path template, as provisioners trim them. */
public final class Slashes {
    private Slashes() {}

    /** {@code s} without leading and trailing {@code /}. */
    public static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
