/* The lexicon searches a concept one language at a time and rewrites \d for PCRE2's start-of-match
 * optimisation (see "matching" and put_digit_hints in lexicon.c). These tests hold it to what one
 * joined alternation answered: the leftmost match wins, at equal starts the earlier language
 * (files are read in name order) and its own match length, and \d still means every decimal
 * digit, not ASCII only. Each test loads a small lexicon from a temporary directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon_page.h"
#include "shopaudit/lexicon.h"
#include "test.h"

/* Writes each {name, json} pair into a new temporary directory and loads it. */
static struct sa_lexicon *load(char *dir, size_t n, const char *const files[][2], size_t nfiles)
{
    snprintf(dir, n, "/tmp/sa_lexsplit_XXXXXX");
    if (!mkdtemp(dir)) abort();
    for (size_t i = 0; i < nfiles; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        FILE *f = fopen(path, "w");
        if (!f) abort();
        fputs(files[i][1], f);
        fclose(f);
    }
    struct sa_lexicon *lex = NULL;
    char err[256];
    if (sa_lexicon_new(dir, &lex, err, sizeof err) != SA_OK) {
        fprintf(stderr, "lexicon: %s\n", err);
        abort();
    }
    return lex;
}

static void unload(struct sa_lexicon *lex, const char *dir, const char *const files[][2],
                   size_t nfiles)
{
    sa_lexicon_free(lex);
    for (size_t i = 0; i < nfiles; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        unlink(path);
    }
    rmdir(dir);
}

static const char *const two_langs[][2] = {
    {"a.json",
     "{\"lang\": \"aa\", \"concepts\": {\"delivery\": [\"\\\\bdeliv\", \"ship\\\\w*\"]}}"},
    {"b.json", "{\"lang\": \"bb\", \"concepts\": {\"delivery\": [\"\\\\bdelivery\\\\b\", "
               "\"\\\\bcourier\\\\b\"]}}"},
};

TEST(lexicon_split_equal_starts_go_to_the_earlier_language)
{
    char dir[64];
    struct sa_lexicon *lex = load(dir, sizeof dir, two_langs, 2);
    static const char text[] = "Fast delivery today";
    struct sa_match m;
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_DELIVERY, text, strlen(text), &m), 1);
    EXPECT_EQ(m.off, 5u);
    EXPECT_EQ(m.len, 5u); /* aa's "deliv", not bb's longer "delivery" */
    EXPECT_STREQ(m.lang, "aa");
    unload(lex, dir, two_langs, 2);
}

TEST(lexicon_split_leftmost_match_wins_across_languages)
{
    char dir[64];
    struct sa_lexicon *lex = load(dir, sizeof dir, two_langs, 2);
    /* bb's courier comes first in the text though aa is searched first */
    static const char text[] = "By courier; we also ship; delivery in 2 days";
    struct sa_match m;
    size_t len = strlen(text);
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_DELIVERY, text, len, &m), 1);
    EXPECT_EQ(m.off, 3u);
    EXPECT_STREQ(m.lang, "bb");
    EXPECT_EQ(sa_lexicon_find_from(lex, SA_CONCEPT_DELIVERY, text, len, m.off + m.len, &m), 1);
    EXPECT_EQ(m.off, 20u);
    EXPECT_EQ(m.len, 4u);
    EXPECT_STREQ(m.lang, "aa");
    /* the same answers through the page cache, where the searches share an offset limit */
    sa__lexicon_page_begin(lex, text, &(struct sa_str){text, len}, 1);
    EXPECT_EQ(sa_lexicon_find_from(lex, SA_CONCEPT_DELIVERY, text, len, 25, &m), 1);
    EXPECT_EQ(m.off, 26u);
    EXPECT_STREQ(m.lang, "aa");
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_DELIVERY, text, len, &m), 1);
    EXPECT_EQ(m.off, 3u);
    EXPECT_STREQ(m.lang, "bb");
    sa__lexicon_page_end(lex, text);
    unload(lex, dir, two_langs, 2);
}

static const char *const digits[][2] = {
    {"d.json",
     "{\"lang\": \"dd\", \"concepts\": {\"price\": [\"\\\\b\\\\d+\\\\h?baht\\\\b\", "
     "\"[\\\\d.]+\\\\h?thb\\\\b\", \"\\\\bcode\\\\h\\\\Q\\\\d\\\\E\", \"\\\\bpath\\\\\\\\d\"]}}"},
};

TEST(lexicon_digit_hint_keeps_every_decimal_digit)
{
    char dir[64];
    struct sa_lexicon *lex = load(dir, sizeof dir, digits, 1);
    struct sa_match m;
    /* Thai and Arabic-Indic digits are \d under UCP: the hint must not narrow them to ASCII */
    static const char thai[] = "ราคา ๓๕๐ baht";
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_PRICE, thai, strlen(thai), &m), 1);
    EXPECT_EQ(m.off, strlen("ราคา "));
    static const char arabic[] = "only ٣٥٠ baht";
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_PRICE, arabic, strlen(arabic), &m), 1);
    EXPECT_EQ(m.off, 5u);
    static const char ascii[] = "now 350 baht";
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_PRICE, ascii, strlen(ascii), &m), 1);
    EXPECT_EQ(m.off, 4u);
    /* \d inside a class, quoted with \Q..\E, or after an escaped backslash is left alone */
    static const char cls[] = "total 1.5 thb";
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_PRICE, cls, strlen(cls), &m), 1);
    EXPECT_EQ(m.off, 6u);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_PRICE, "code \\d", 7), 1);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_PRICE, "code 5", 6), 0);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_PRICE, "path\\d", 6), 1);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_PRICE, "path5", 5), 0);
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_PRICE, "350 bahts", 9), 0);
    unload(lex, dir, digits, 1);
}

TEST_MAIN()
