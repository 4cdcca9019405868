/* Unit tests for the lexicon: the per-language pitfalls of RETENTION_CRITERIA.md (Thai without
 * spaces, Greek capitals and final sigma, the Armenian ligature and emphasis marks, Russian
 * inflection), URL slugs, load errors with their exact text, and offsets in the caller's text. */
#include "shopaudit/lexicon.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "test.h"

static struct sa_lexicon *lex_get(void)
{
    static struct sa_lexicon *lex;
    if (!lex) {
        char err[256];
        int rc = sa_lexicon_new(NULL, &lex, err, sizeof err);
        if (rc != SA_OK) {
            fprintf(stderr, "lexicon: %s\n", err);
            exit(1);
        }
    }
    return lex;
}

static int says(enum sa_concept c, const char *text)
{
    return sa_lexicon_match(lex_get(), c, text, strlen(text));
}

/* Finds c in text; returns 1 and the match, or 0. */
static int find(enum sa_concept c, const char *text, struct sa_match *m)
{
    return sa_lexicon_find(lex_get(), c, text, strlen(text), m);
}

static int url_says(enum sa_concept c, const char *url)
{
    return sa_lexicon_url_match(lex_get(), c, url);
}

/* A fresh directory holding one file; returns its path in dir (removed by rm_tmp). */
static void tmp_with(char *dir, size_t n, const char *name, const char *json)
{
    snprintf(dir, n, "/tmp/sa_lexicon_XXXXXX");
    if (!mkdtemp(dir)) abort();
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs(json, f);
    fclose(f);
}

static void add_file(const char *dir, const char *name, const char *json)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs(json, f);
    fclose(f);
}

static void rm_tmp(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) abort();
}

/* Loads a one-file lexicon and returns sa_lexicon_new's code, the message in err. */
static int load_one(const char *json, char *err, size_t errlen)
{
    char dir[64];
    tmp_with(dir, sizeof dir, "ru.json", json);
    struct sa_lexicon *lex = NULL;
    int rc = sa_lexicon_new(dir, &lex, err, errlen);
    sa_lexicon_free(lex);
    rm_tmp(dir);
    return rc;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}

static cJSON *lexicon_file(const char *lang)
{
    const char *root = getenv("SA_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/checks/lexicon/%s.json", root ? root : ".", lang);
    char *s = read_all(path);
    cJSON *j = s ? cJSON_Parse(s) : NULL;
    free(s);
    return j;
}

/* ---- loading and the data itself ---- */

TEST(lexicon_embedded_loads_all_languages)
{
    const char *const *langs = sa_lexicon_languages(lex_get());
    const char *want[] = {"any", "el", "en", "hy", "ru", "th"};
    size_t n = 0;
    while (langs[n]) n++;
    EXPECT_EQ(n, 6);
    for (size_t i = 0; i < 6 && i < n; i++) EXPECT_STREQ(langs[i], want[i]);
    EXPECT(sa_lexicon_languages(NULL)[0] == NULL);
}

TEST(lexicon_concept_names_follow_the_map)
{
    EXPECT_STREQ(sa_concept_name(SA_CONCEPT_CART), "cart");
    EXPECT_STREQ(sa_concept_name(SA_CONCEPT_GUEST_CHECKOUT), "guest_checkout");
    EXPECT_STREQ(sa_concept_name(SA_CONCEPT_PRICE_ON_REQUEST), "price_on_request");
    EXPECT_STREQ(sa_concept_name(SA_CONCEPT_LAST), "unknown");
}

TEST(lexicon_every_language_covers_every_concept)
{
    const char *langs[] = {"en", "ru", "th", "el", "hy"};
    for (int l = 0; l < 5; l++) {
        cJSON *j = lexicon_file(langs[l]);
        ASSERT(j);
        const cJSON *concepts = cJSON_GetObjectItemCaseSensitive(j, "concepts");
        for (int c = 0; c < SA_CONCEPT_LAST; c++) {
            const cJSON *a = cJSON_GetObjectItemCaseSensitive(concepts, sa_concept_name(c));
            if (cJSON_GetArraySize(a) < 1) T_FAIL("%s.json: no %s", langs[l], sa_concept_name(c));
        }
        cJSON_Delete(j);
    }
}

TEST(lexicon_thai_patterns_avoid_word_boundary)
{
    cJSON *j = lexicon_file("th");
    ASSERT(j);
    const cJSON *concepts = cJSON_GetObjectItemCaseSensitive(j, "concepts");
    for (const cJSON *c = concepts->child; c; c = c->next)
        for (const cJSON *p = c->child; p; p = p->next)
            if (strstr(p->valuestring, "\\b")) T_FAIL("th.json %s: %s", c->string, p->valuestring);
    cJSON_Delete(j);
}

TEST(lexicon_bad_pattern_reports_file_concept_index)
{
    char err[256];
    int rc = load_one("{\"lang\": \"ru\", \"concepts\": {\"cart\": [\"a\", \"b\", \"(c\"]}}", err,
                      sizeof err);
    EXPECT_EQ(rc, SA_EPARSE);
    EXPECT_STREQ(err,
                 "ru.json: concept \"cart\", pattern 3: missing closing parenthesis at offset 2");
}

TEST(lexicon_bad_url_pattern_reports_section)
{
    char err[256];
    int rc =
        load_one("{\"lang\": \"ru\", \"url\": {\"delivery\": [\"dostavk[\"]}}", err, sizeof err);
    EXPECT_EQ(rc, SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: url \"delivery\", pattern 1: missing terminating ] for character "
                      "class at offset 8");
}

TEST(lexicon_unknown_concept_is_an_error)
{
    char err[256];
    EXPECT_EQ(load_one("{\"lang\": \"ru\", \"concepts\": {\"crat\": [\"x\"]}}", err, sizeof err),
              SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: unknown concept \"crat\"");
}

TEST(lexicon_non_string_pattern_is_an_error)
{
    char err[256];
    EXPECT_EQ(load_one("{\"lang\": \"ru\", \"concepts\": {\"cart\": [\"x\", 7]}}", err, sizeof err),
              SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: concept \"cart\", pattern 2: not a string");
    EXPECT_EQ(load_one("{\"lang\": \"ru\", \"concepts\": {\"cart\": \"x\"}}", err, sizeof err),
              SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: concept \"cart\": expected an array of patterns");
}

TEST(lexicon_empty_match_and_backrefs_are_errors)
{
    char err[256];
    EXPECT_EQ(load_one("{\"lang\": \"ru\", \"concepts\": {\"cart\": [\"x?\"]}}", err, sizeof err),
              SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: concept \"cart\", pattern 1: can match an empty string");
    EXPECT_EQ(
        load_one("{\"lang\": \"ru\", \"concepts\": {\"cart\": [\"(a)\\\\1\"]}}", err, sizeof err),
        SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: concept \"cart\", pattern 1: numbered back-references are not "
                      "supported");
}

TEST(lexicon_invalid_json_reports_line)
{
    char err[256];
    EXPECT_EQ(load_one("{\"lang\": \"ru\",\n \"concepts\": {\"cart\": [\"x\",]}}", err, sizeof err),
              SA_EPARSE);
    EXPECT_STREQ(err, "ru.json:2: invalid JSON");
    EXPECT_EQ(load_one("{\"concepts\": {}}", err, sizeof err), SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: \"lang\" must be a language code such as \"ru\"");
    EXPECT_EQ(load_one("{\"lang\": \"ru\", \"concept\": {}}", err, sizeof err), SA_EPARSE);
    EXPECT_STREQ(err, "ru.json: unknown key \"concept\"");
}

TEST(lexicon_missing_dir_is_an_io_error)
{
    char err[256];
    struct sa_lexicon *lex = NULL;
    EXPECT_EQ(sa_lexicon_new("/nonexistent/sa_lexicon", &lex, err, sizeof err), SA_EIO);
    EXPECT_STREQ(err, "/nonexistent/sa_lexicon: cannot open the lexicon directory");
    EXPECT(lex == NULL);
}

TEST(lexicon_dir_files_merge_and_report_language)
{
    char dir[64], err[256];
    tmp_with(dir, sizeof dir, "ru.json",
             "{\"lang\": \"ru\", \"_comment\": \"x\", \"concepts\": {\"cart\": "
             "[\"\\\\bкорзин\\\\w*\"]}}");
    add_file(dir, "ru-extra.json",
             "{\"lang\": \"ru\", \"concepts\": {\"cart\": [\"\\\\bтележк\\\\w*\"], \"_note\": 1}}");
    add_file(dir, "en.json", "{\"lang\": \"en\", \"concepts\": {\"cart\": [\"(?<w>cart)\"]}}");
    add_file(dir, "README.txt", "not a lexicon file");
    struct sa_lexicon *lex = NULL;
    ASSERT(sa_lexicon_new(dir, &lex, err, sizeof err) == SA_OK);
    const char *const *langs = sa_lexicon_languages(lex);
    EXPECT_STREQ(langs[0], "en");
    EXPECT_STREQ(langs[1], "ru");
    EXPECT(langs[2] == NULL);
    struct sa_match m;
    const char *t = "моя тележка";
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_CART, t, strlen(t), &m), 1);
    EXPECT_EQ(m.off, strlen("моя "));
    EXPECT_STREQ(m.lang, "ru");
    t = "the cart";
    EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_CART, t, strlen(t), &m), 1);
    EXPECT_STREQ(m.lang, "en");
    EXPECT_EQ(sa_lexicon_match(lex, SA_CONCEPT_BUY, t, strlen(t)), 0); /* no patterns at all */
    sa_lexicon_free(lex);
    rm_tmp(dir);
}

TEST(lexicon_leading_boundary_hoist_keeps_meaning)
{
    /* "\bfoo|bar" guards only foo, so it must not join the group under one hoisted \b; nor
     * may a "(" inside a class or \Q...\E hide a top-level "|" */
    char dir[64], err[256];
    tmp_with(dir, sizeof dir, "en.json",
             "{\"lang\": \"en\", \"concepts\": {\"cart\": [\"\\\\bfoo|bar\", "
             "\"\\\\b(?:x|y)z\", \"\\\\b[(]q|r\", \"\\\\b\\\\Q(\\\\Ew|v\"]}}");
    struct sa_lexicon *lex = NULL;
    ASSERT(sa_lexicon_new(dir, &lex, err, sizeof err) == SA_OK);
    struct {
        const char *text;
        int want;
    } cases[] = {{"xbar", 1}, {"xfoo", 0}, {"foo", 1}, {"yz", 1},  {"ayz", 0},
                 {"xr", 1},   {"a(q", 1},  {"xv", 1},  {"a(w", 1}, {"(w", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (sa_lexicon_match(lex, SA_CONCEPT_CART, cases[i].text, strlen(cases[i].text)) !=
            cases[i].want)
            T_FAIL("\"%s\" should %smatch", cases[i].text, cases[i].want ? "" : "not ");
    sa_lexicon_free(lex);
    rm_tmp(dir);
}

TEST(lexicon_load_fails_cleanly_when_memory_runs_out)
{
    char dir[64], err[256];
    tmp_with(dir, sizeof dir, "el.json",
             "{\"lang\": \"el\", \"concepts\": {\"cart\": [\"\\\\bκαλάθι\\\\b\"], \"returns\": "
             "[\"\\\\bεπιστροφές\\\\b\", \"x(y)\"]}, \"url\": {\"cart\": [\"kalathi\"]}}");
    int ok = 0, failed = 0;
    for (unsigned long n = 1; n < 2000 && !ok; n++) {
        struct sa_lexicon *lex = NULL;
        sa__alloc_fail_at(n);
        int rc = sa_lexicon_new(dir, &lex, err, sizeof err);
        if (rc == SA_OK) {
            /* the match path allocates too: normalisation scratch and match data */
            const char *t = "ΤΟ ΚΑΛΆΘΙ ΜΟΥ";
            struct sa_match m;
            for (unsigned long k = 1; k < 10; k++) {
                sa__alloc_fail_at(k);
                int r = sa_lexicon_find(lex, SA_CONCEPT_CART, t, strlen(t), &m);
                if (r != 1 && r != SA_ENOMEM) T_FAIL("find under OOM at %lu: %d", k, r);
            }
            sa__alloc_fail_at(0);
            EXPECT_EQ(sa_lexicon_find(lex, SA_CONCEPT_CART, t, strlen(t), &m), 1);
            ok = 1;
        } else if (rc != SA_ENOMEM) {
            T_FAIL("allocation %lu: %d (%s)", n, rc, err);
        } else {
            EXPECT(lex == NULL);
            EXPECT_STREQ(err, "out of memory while loading the lexicon");
            failed++;
        }
        sa__alloc_fail_at(0);
        sa_lexicon_free(lex);
    }
    EXPECT(ok);
    EXPECT(failed > 10); /* the sweep really went through the error paths */
    rm_tmp(dir);
}

/* ---- English ---- */

TEST(lexicon_english_main_concepts)
{
    EXPECT(says(SA_CONCEPT_CART, "Shopping cart (2)"));
    EXPECT(says(SA_CONCEPT_CART, "Your bag (2)"));
    EXPECT(!says(SA_CONCEPT_CART, "Leather bag with strap"));
    EXPECT(!says(SA_CONCEPT_CART, "Carton of 12"));
    EXPECT(says(SA_CONCEPT_BUY, "Add to basket"));
    EXPECT(says(SA_CONCEPT_BUY, "Order now"));
    EXPECT(says(SA_CONCEPT_BUY, "Pre-order"));
    EXPECT(!says(SA_CONCEPT_BUY, "Order history"));
    EXPECT(!says(SA_CONCEPT_BUY, "Buyer protection"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "Free shipping on orders over $50"));
    EXPECT(!says(SA_CONCEPT_DELIVERY, "We care about you"));
    EXPECT(says(SA_CONCEPT_CONTACTS, "Contact us"));
    EXPECT(!says(SA_CONCEPT_CONTACTS, "Contact lenses"));
    EXPECT(says(SA_CONCEPT_GUEST_CHECKOUT, "Checkout as guest"));
    EXPECT(says(SA_CONCEPT_GUEST_CHECKOUT, "No account required"));
    EXPECT(!says(SA_CONCEPT_GUEST_CHECKOUT, "Create an account"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "*Offer valid while stocks last."));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "subject to availability"));
    EXPECT(!says(SA_CONCEPT_AVAILABILITY, "In stock"));
    EXPECT(says(SA_CONCEPT_RETURNS, "30-day returns"));
    EXPECT(!says(SA_CONCEPT_RETURNS, "Return to homepage"));
    EXPECT(says(SA_CONCEPT_OUT_OF_STOCK, "Sold out"));
    EXPECT(!says(SA_CONCEPT_OUT_OF_STOCK, "Gifts until sold out"));
}

/* ---- Russian ---- */

TEST(lexicon_russian_inflections_match)
{
    struct sa_match m;
    const char *t = "Товар добавлен в корзину";
    EXPECT_EQ(find(SA_CONCEPT_CART, t, &m), 1);
    EXPECT_EQ(m.off, strlen("Товар добавлен в "));
    EXPECT_EQ(m.len, strlen("корзину"));
    EXPECT_STREQ(m.lang, "ru");
    EXPECT(says(SA_CONCEPT_DELIVERY, "Скидка 5% при доставке курьером"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "Условия доставки"));
    EXPECT(!says(SA_CONCEPT_DELIVERY, "Отправить сообщение"));
    EXPECT(says(SA_CONCEPT_BUY, "Купить"));
    EXPECT(says(SA_CONCEPT_BUY, "В корзину"));
    EXPECT(says(SA_CONCEPT_CONTACTS, "Контакты"));
    EXPECT(!says(SA_CONCEPT_CONTACTS, "Контактные линзы"));
    EXPECT(says(SA_CONCEPT_GUEST_CHECKOUT, "Оформить заказ без регистрации"));
    EXPECT(!says(SA_CONCEPT_GUEST_CHECKOUT, "Регистрация"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "* Количество товара ограничено"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "Акция действует до окончания товара"));
    EXPECT(!says(SA_CONCEPT_AVAILABILITY, "Скидка действует до окончания акции"));
    EXPECT(says(SA_CONCEPT_RETURNS, "Обмен и возврат"));
    EXPECT(!says(SA_CONCEPT_RETURNS, "Возврат к списку"));
}

TEST(lexicon_russian_leave_request_is_quote_not_buy)
{
    EXPECT(says(SA_CONCEPT_REQUEST_QUOTE, "Оставить заявку"));
    EXPECT(!says(SA_CONCEPT_BUY, "Оставить заявку"));
    EXPECT(says(SA_CONCEPT_REQUEST_QUOTE, "Узнать цену"));
    EXPECT(!says(SA_CONCEPT_BUY, "Узнать цену"));
    EXPECT(!says(SA_CONCEPT_BUY, "Заказать звонок"));
    EXPECT(says(SA_CONCEPT_LIVE_CHAT, "Заказать звонок"));
    EXPECT(says(SA_CONCEPT_BUY, "Заказать"));
}

/* ---- Thai ---- */

TEST(lexicon_thai_phrase_inside_run_found_with_offset)
{
    const char *pre = "สินค้าชิ้นนี้คุณสามารถ";
    char t[256];
    snprintf(t, sizeof t, "%sหยิบใส่ตะกร้าได้ทันทีไม่ต้องรอ", pre);
    struct sa_match m;
    EXPECT_EQ(find(SA_CONCEPT_BUY, t, &m), 1);
    EXPECT_EQ(m.off, strlen(pre));
    EXPECT_EQ(m.len, strlen("หยิบใส่ตะกร้า"));
    EXPECT_STREQ(m.lang, "th");
    EXPECT(says(SA_CONCEPT_BUY, "ซื้อเลย"));
    EXPECT(says(SA_CONCEPT_BUY, "ซื้อ"));
    EXPECT(says(SA_CONCEPT_BUY, "สั่งซื้อสินค้า"));
}

TEST(lexicon_thai_buyer_is_not_buy)
{
    EXPECT(!says(SA_CONCEPT_BUY, "ผู้ซื้อ"));
    EXPECT(!says(SA_CONCEPT_BUY, "ข้อมูลสำหรับผู้ซื้อทุกท่าน"));
    EXPECT(!says(SA_CONCEPT_BUY, "การซื้อกิจการของบริษัท"));
    EXPECT(!says(SA_CONCEPT_BUY, "ขั้นตอนการสั่งซื้อ"));
}

TEST(lexicon_thai_main_concepts)
{
    EXPECT(says(SA_CONCEPT_DELIVERY, "ส่งฟรีทั่วประเทศ"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "ค่าจัดส่ง"));
    EXPECT(!says(SA_CONCEPT_DELIVERY, "ส่งเสริมการขาย"));
    EXPECT(says(SA_CONCEPT_PROMO, "ส่งเสริมการขาย"));
    EXPECT(says(SA_CONCEPT_PROMO, "โปรโมชั่นพิเศษ"));
    EXPECT(says(SA_CONCEPT_PROMO, "โปรโมชันพิเศษ"));
    EXPECT(says(SA_CONCEPT_GUEST_CHECKOUT, "สั่งซื้อโดยไม่ต้องสมัครสมาชิก"));
    EXPECT(!says(SA_CONCEPT_GUEST_CHECKOUT, "สมัครสมาชิก"));
    EXPECT(says(SA_CONCEPT_REGISTER, "สมัครสมาชิก"));
    EXPECT(!says(SA_CONCEPT_REGISTER, "ไม่ต้องสมัครสมาชิก"));
    EXPECT(says(SA_CONCEPT_CART, "ตะกร้าสินค้า"));
    EXPECT(!says(SA_CONCEPT_CART, "ตะกร้าหวายสานมือ"));
    EXPECT(says(SA_CONCEPT_CONTACTS, "ติดต่อเรา"));
    EXPECT(!says(SA_CONCEPT_CONTACTS, "ฝนตกติดต่อกันสามวัน"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "*สินค้ามีจำนวนจำกัด"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "ขึ้นอยู่กับความพร้อมของสินค้า"));
    EXPECT(!says(SA_CONCEPT_AVAILABILITY, "สินค้าพร้อมส่ง"));
    EXPECT(says(SA_CONCEPT_RETURNS, "นโยบายการคืนสินค้า"));
    EXPECT(!says(SA_CONCEPT_RETURNS, "คืนนี้ลดราคา"));
    EXPECT(says(SA_CONCEPT_LIVE_CHAT, "แอดไลน์"));
    EXPECT(!says(SA_CONCEPT_LIVE_CHAT, "ร้านค้าออนไลน์"));
}

/* ---- Greek ---- */

TEST(lexicon_greek_caps_without_tonos_match)
{
    struct sa_match m;
    EXPECT_EQ(find(SA_CONCEPT_CART, "ΚΑΛΑΘΙ", &m), 1);
    EXPECT_STREQ(m.lang, "el");
    EXPECT(says(SA_CONCEPT_CONTACTS, "ΕΠΙΚΟΙΝΩΝΙΑ"));
    EXPECT(says(SA_CONCEPT_CONTACTS, "Επικοινωνία"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "ΔΩΡΕΑΝ ΑΠΟΣΤΟΛΗ"));
    EXPECT(says(SA_CONCEPT_BUY, "ΑΓΟΡΑ"));
}

TEST(lexicon_greek_final_sigma_folds)
{
    struct sa_match m;
    const char *t = "Πολιτική ΕΠΙΣΤΡΟΦΕΣ";
    EXPECT_EQ(find(SA_CONCEPT_RETURNS, t, &m), 1);
    EXPECT_EQ(m.off, strlen("Πολιτική "));
    EXPECT_EQ(m.len, strlen("ΕΠΙΣΤΡΟΦΕΣ"));
    EXPECT(says(SA_CONCEPT_RETURNS, "επιστροφές"));
    EXPECT(says(SA_CONCEPT_RETURNS, "Πολιτική επιστροφών"));
    EXPECT(!says(SA_CONCEPT_RETURNS, "Οι πελάτες επιστρέφουν ξανά"));
    EXPECT(says(SA_CONCEPT_GUEST_CHECKOUT, "Αγορά ως επισκέπτης"));
    EXPECT(says(SA_CONCEPT_GUEST_CHECKOUT, "ΑΓΟΡΑ ΩΣ ΕΠΙΣΚΕΠΤΗΣ"));
    EXPECT(!says(SA_CONCEPT_GUEST_CHECKOUT, "Σύνδεση"));
}

TEST(lexicon_greek_send_button_is_not_delivery)
{
    EXPECT(!says(SA_CONCEPT_DELIVERY, "Αποστολή"));
    EXPECT(!says(SA_CONCEPT_DELIVERY, "Η αποστολή μας είναι η ποιότητα"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "Τρόποι αποστολής"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "Έξοδα αποστολής"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "Μεταφορικά"));
    EXPECT(says(SA_CONCEPT_BUY, "Προσθήκη στο καλάθι"));
    EXPECT(!says(SA_CONCEPT_BUY, "Δεν υπάρχουν προϊόντα στο καλάθι"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "Ισχύει έως εξαντλήσεως των αποθεμάτων"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "μέχρι εξαντλήσεως"));
    EXPECT(!says(SA_CONCEPT_AVAILABILITY, "Ισχύει έως 30/11"));
}

TEST(lexicon_greek_decomposed_marks_map_to_original_offsets)
{
    /* NFD: α + U+0301; the match must cover the mark and keep original offsets */
    const char *t = "Το καλα\xcc\x81θι σας";
    struct sa_match m;
    EXPECT_EQ(find(SA_CONCEPT_CART, t, &m), 1);
    EXPECT_EQ(m.off, strlen("Το "));
    EXPECT_EQ(m.len, strlen("καλα\xcc\x81θι"));
}

/* ---- Armenian ---- */

TEST(lexicon_armenian_ligature_equivalent)
{
    struct sa_match m;
    const char *a = "Մենք Երևանում ենք";
    EXPECT_EQ(find(SA_CONCEPT_ADDRESS, a, &m), 1);
    EXPECT_EQ(m.off, strlen("Մենք "));
    EXPECT_EQ(m.len, strlen("Երևանում"));
    EXPECT_STREQ(m.lang, "hy");
    EXPECT(says(SA_CONCEPT_ADDRESS, "Երեւան"));
    EXPECT(says(SA_CONCEPT_ADDRESS, "ԵՐԵՎԱՆ"));
    EXPECT(says(SA_CONCEPT_CHECKOUT, "Ձևակերպել պատվերը"));
    EXPECT(says(SA_CONCEPT_CHECKOUT, "Ձեւակերպել պատվերը"));
    /* after the ligature (2 bytes in, 4 in the normalised copy) offsets still fit the input */
    const char *b = "Առաքում և վճարում";
    EXPECT_EQ(sa_lexicon_find(lex_get(), SA_CONCEPT_PAYMENT, b, strlen(b), &m), 1);
    EXPECT_EQ(m.off, strlen("Առաքում և "));
    EXPECT_EQ(m.len, strlen("վճարում"));
}

TEST(lexicon_armenian_marks_dropped_offsets_mapped)
{
    struct sa_match m;
    const char *t = "Սևան Գնե՛ք հիմա";
    EXPECT_EQ(find(SA_CONCEPT_BUY, t, &m), 1);
    EXPECT_EQ(m.off, strlen("Սևան "));
    EXPECT_EQ(m.len, strlen("Գնե՛ք"));
    EXPECT(says(SA_CONCEPT_BUY, "Գնել"));
    EXPECT(says(SA_CONCEPT_BUY, "Ավելացնել զամբյուղ"));
    EXPECT(!says(SA_CONCEPT_BUY, "Պատվիրել հետադարձ զանգ"));
}

TEST(lexicon_armenian_whole_words)
{
    EXPECT(says(SA_CONCEPT_CONTACTS, "Կապ"));
    EXPECT(says(SA_CONCEPT_CONTACTS, "Կապ մեզ հետ"));
    EXPECT(!says(SA_CONCEPT_CONTACTS, "Այս հարցի հետ կապված"));
    EXPECT(says(SA_CONCEPT_CART, "Զամբյուղ"));
    EXPECT(!says(SA_CONCEPT_CART, "Զանգ"));
    EXPECT(says(SA_CONCEPT_DELIVERY, "Անվճար առաքում"));
    EXPECT(!says(SA_CONCEPT_DELIVERY, "Հայ Առաքելական եկեղեցի"));
    EXPECT(says(SA_CONCEPT_GUEST_CHECKOUT, "Պատվիրել առանց գրանցման"));
    EXPECT(!says(SA_CONCEPT_GUEST_CHECKOUT, "Գրանցվել"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "Ակցիան գործում է մինչև ապրանքի սպառումը"));
    EXPECT(says(SA_CONCEPT_AVAILABILITY, "մինչև պաշարի սպառումը"));
    EXPECT(!says(SA_CONCEPT_AVAILABILITY, "մինչև ակցիայի ավարտը"));
    EXPECT(says(SA_CONCEPT_RETURNS, "Վերադարձի պայմաններ"));
    EXPECT(!says(SA_CONCEPT_RETURNS, "Վերադարձ գլխավոր էջ"));
}

/* ---- the vocabulary, example by example ---- */

#define EX(c) SA_CONCEPT_##c
/* A phrase a real shop shows and the language expected to say the concept; NULL: must not. */
static const struct example {
    enum sa_concept c;
    const char *lang, *text;
} examples[] = {
    /* en */
    {EX(CART), "en", "View cart"},
    {EX(CART), "en", "Basket (3)"},
    {EX(CART), "en", "Shopping bag"},
    {EX(BUY), "en", "Buy now"},
    {EX(BUY), "en", "Add to bag"},
    {EX(BUY), "en", "Get it at the sale price"},
    {EX(BUY), "en", "Shop now"},
    {EX(BUY), "en", "Try it free"},
    {EX(REQUEST_QUOTE), "en", "Request a quote"},
    {EX(REQUEST_QUOTE), "en", "Leave a request"},
    {EX(REQUEST_QUOTE), "en", "Ask for the price"},
    {EX(CHECKOUT), "en", "Proceed to checkout"},
    {EX(CHECKOUT), "en", "Place order"},
    {EX(GUEST_CHECKOUT), "en", "Continue as a guest"},
    {EX(GUEST_CHECKOUT), "en", "Order without registration"},
    {EX(GUEST_CHECKOUT), "en", "You don't need to register"},
    {EX(REGISTER), "en", "Sign up"},
    {EX(REGISTER), "en", "Log in"},
    {EX(REGISTER), "en", "Create an account"},
    {EX(PRODUCT), "en", "Product details"},
    {EX(PRODUCT), "en", "SKU: 12345"},
    {EX(PRODUCT), "en", "Item No. 5"},
    {EX(CATEGORY), "en", "Shop by category"},
    {EX(CATEGORY), "en", "Sort by price"},
    {EX(CATEGORY), "en", "Showing 1–24 of 210 results"},
    {EX(DELIVERY), "en", "Delivery & returns"},
    {EX(DELIVERY), "en", "Ships within 24 hours"},
    {EX(DELIVERY), "en", "Click & Collect"},
    {EX(DELIVERY), "en", "Store pickup"},
    {EX(PAYMENT), "en", "Payment methods"},
    {EX(PAYMENT), "en", "Pay with PayPal"},
    {EX(PAYMENT), "en", "Cash on delivery"},
    {EX(RETURNS), "en", "Returns policy"},
    {EX(RETURNS), "en", "Refund"},
    {EX(RETURNS), "en", "Money-back guarantee"},
    {EX(CONTACTS), "en", "Get in touch"},
    {EX(CONTACTS), "en", "Contacts"},
    {EX(ADDRESS), "en", "Our address"},
    {EX(ADDRESS), "en", "221B Baker St., London"},
    {EX(ADDRESS), "en", "Suite 400"},
    {EX(PHONE), "en", "Tel.: +1 212 555 1234"},
    {EX(PHONE), "en", "Phone: 555-1234"},
    {EX(PHONE), "en", "Hotline"},
    {EX(ABOUT), "en", "About us"},
    {EX(ABOUT), "en", "Our story"},
    {EX(ABOUT), "en", "Who we are"},
    {EX(PROMO), "en", "Summer sale"},
    {EX(PROMO), "en", "20% off"},
    {EX(PROMO), "en", "Special offers"},
    {EX(PROMO), "en", "Promo code"},
    {EX(PROMO), "en", "Buy 2 get 1 free"},
    {EX(AVAILABILITY), "en", "until stocks run out"},
    {EX(AVAILABILITY), "en", "Limited quantity"},
    {EX(AVAILABILITY), "en", "while supplies last"},
    {EX(OUT_OF_STOCK), "en", "Out of stock"},
    {EX(OUT_OF_STOCK), "en", "Currently unavailable"},
    {EX(NEWSLETTER), "en", "Subscribe to our newsletter"},
    {EX(NEWSLETTER), "en", "Join our mailing list"},
    {EX(LOYALTY), "en", "Rewards program"},
    {EX(LOYALTY), "en", "Earn points"},
    {EX(LOYALTY), "en", "Refer a friend"},
    {EX(LOYALTY), "en", "Loyalty card"},
    {EX(REVIEWS), "en", "Customer reviews"},
    {EX(REVIEWS), "en", "Rated 4.5 out of 5"},
    {EX(REVIEWS), "en", "Testimonials"},
    {EX(LIVE_CHAT), "en", "Live chat"},
    {EX(LIVE_CHAT), "en", "Request a callback"},
    {EX(LIVE_CHAT), "en", "WhatsApp"},
    {EX(SUPPORT), "en", "Help centre"},
    {EX(SUPPORT), "en", "FAQ"},
    {EX(SUPPORT), "en", "Blog"},
    {EX(SUPPORT), "en", "Buying guide"},
    {EX(PRICE_ON_REQUEST), "en", "Price on request"},
    {EX(PRICE_ON_REQUEST), "en", "from $249.00"},
    {EX(PRICE_ON_REQUEST), "en", "Call for price"},
    {EX(BUY), NULL, "Buying guide"},
    {EX(CART), NULL, "Bag of chips"},
    {EX(RETURNS), NULL, "Return to shop"},
    {EX(DELIVERY), NULL, "Get it by Friday"},
    /* ru */
    {EX(CART), "ru", "Корзина"},
    {EX(CART), "ru", "В корзине 3 товара"},
    {EX(BUY), "ru", "Купить в 1 клик"},
    {EX(BUY), "ru", "Добавить в корзину"},
    {EX(BUY), "ru", "Оформить заказ"},
    {EX(BUY), "ru", "Предзаказ"},
    {EX(REQUEST_QUOTE), "ru", "Оставьте заявку"},
    {EX(REQUEST_QUOTE), "ru", "Запросить коммерческое предложение"},
    {EX(REQUEST_QUOTE), "ru", "Узнать стоимость"},
    {EX(CHECKOUT), "ru", "Оформление заказа"},
    {EX(CHECKOUT), "ru", "Перейти к оформлению"},
    {EX(CHECKOUT), "ru", "Подтвердить заказ"},
    {EX(GUEST_CHECKOUT), "ru", "Быстрый заказ без регистрации"},
    {EX(GUEST_CHECKOUT), "ru", "Купить как гость"},
    {EX(REGISTER), "ru", "Войти"},
    {EX(REGISTER), "ru", "Личный кабинет"},
    {EX(REGISTER), "ru", "Зарегистрироваться"},
    {EX(PRODUCT), "ru", "Артикул: 1234"},
    {EX(PRODUCT), "ru", "Характеристики"},
    {EX(PRODUCT), "ru", "В наличии"},
    {EX(CATEGORY), "ru", "Каталог товаров"},
    {EX(CATEGORY), "ru", "Сортировать по цене"},
    {EX(CATEGORY), "ru", "Фильтр"},
    {EX(DELIVERY), "ru", "Доставка и оплата"},
    {EX(DELIVERY), "ru", "Самовывоз из магазина"},
    {EX(DELIVERY), "ru", "Пункты выдачи"},
    {EX(DELIVERY), "ru", "Доставим завтра"},
    {EX(PAYMENT), "ru", "Способы оплаты"},
    {EX(PAYMENT), "ru", "Наличными курьеру"},
    {EX(PAYMENT), "ru", "Рассрочка 0%"},
    {EX(PAYMENT), "ru", "Оплачено"},
    {EX(RETURNS), "ru", "Возврат товара"},
    {EX(RETURNS), "ru", "Как вернуть товар"},
    {EX(CONTACTS), "ru", "Свяжитесь с нами"},
    {EX(CONTACTS), "ru", "Обратная связь"},
    {EX(ADDRESS), "ru", "г. Москва, ул. Тверская, д. 1"},
    {EX(ADDRESS), "ru", "Адрес магазина"},
    {EX(PHONE), "ru", "Тел.: 8 (495) 123-45-67"},
    {EX(PHONE), "ru", "Телефон"},
    {EX(PHONE), "ru", "Горячая линия"},
    {EX(ABOUT), "ru", "О компании"},
    {EX(ABOUT), "ru", "О нас"},
    {EX(PROMO), "ru", "Акции"},
    {EX(PROMO), "ru", "Скидка 20%"},
    {EX(PROMO), "ru", "Распродажа"},
    {EX(PROMO), "ru", "Промокод"},
    {EX(PROMO), "ru", "Акция!"},
    {EX(AVAILABILITY), "ru", "Предложение ограничено"},
    {EX(AVAILABILITY), "ru", "пока товар есть в наличии"},
    {EX(AVAILABILITY), "ru", "до окончания товарных запасов"},
    {EX(AVAILABILITY), "ru", "Количество подарков ограничено"},
    {EX(OUT_OF_STOCK), "ru", "Нет в наличии"},
    {EX(OUT_OF_STOCK), "ru", "Сообщить о поступлении"},
    {EX(NEWSLETTER), "ru", "Подпишитесь на рассылку"},
    {EX(NEWSLETTER), "ru", "Подписаться"},
    {EX(LOYALTY), "ru", "Бонусная программа"},
    {EX(LOYALTY), "ru", "Программа лояльности"},
    {EX(LOYALTY), "ru", "Начислим 100 баллов"},
    {EX(LOYALTY), "ru", "Кешбэк 5%"},
    {EX(REVIEWS), "ru", "Отзывы покупателей"},
    {EX(REVIEWS), "ru", "Рейтинг"},
    {EX(LIVE_CHAT), "ru", "Онлайн-консультант"},
    {EX(LIVE_CHAT), "ru", "Обратный звонок"},
    {EX(LIVE_CHAT), "ru", "Перезвоните мне"},
    {EX(SUPPORT), "ru", "Вопросы и ответы"},
    {EX(SUPPORT), "ru", "Помощь"},
    {EX(SUPPORT), "ru", "Блог"},
    {EX(SUPPORT), "ru", "Как сделать заказ"},
    {EX(PRICE_ON_REQUEST), "ru", "Цена по запросу"},
    {EX(PRICE_ON_REQUEST), "ru", "от 8 900 ₽"},
    {EX(PRICE_ON_REQUEST), "ru", "Цену уточняйте у менеджера"},
    {EX(PRICE_ON_REQUEST), NULL, "Доставка от 5 дней"},
    {EX(BUY), NULL, "Заказать обратный звонок"},
    {EX(RETURNS), NULL, "Возврат к списку"},
    {EX(REGISTER), NULL, "Вход со двора"},
    /* th */
    {EX(CART), "th", "รถเข็น"},
    {EX(CART), "th", "ดูตะกร้า"},
    {EX(BUY), "th", "สั่งซื้อเลย"},
    {EX(BUY), "th", "เพิ่มลงตะกร้า"},
    {EX(BUY), "th", "ใส่ตะกร้า"},
    {EX(BUY), "th", "ช้อปเลย"},
    {EX(BUY), "th", "ซื้อทันที"},
    {EX(REQUEST_QUOTE), "th", "ขอใบเสนอราคา"},
    {EX(REQUEST_QUOTE), "th", "สอบถามราคา"},
    {EX(CHECKOUT), "th", "ดำเนินการชำระเงิน"},
    {EX(CHECKOUT), "th", "ยืนยันการสั่งซื้อ"},
    {EX(CHECKOUT), "th", "เช็คเอาท์"},
    {EX(CHECKOUT), "th", "ชำระเงิน"},
    {EX(GUEST_CHECKOUT), "th", "ไม่ต้องลงทะเบียน"},
    {EX(GUEST_CHECKOUT), "th", "สั่งซื้อในฐานะผู้เยี่ยมชม"},
    {EX(REGISTER), "th", "เข้าสู่ระบบ"},
    {EX(REGISTER), "th", "ลงทะเบียน"},
    {EX(PRODUCT), "th", "รายละเอียดสินค้า"},
    {EX(PRODUCT), "th", "รหัสสินค้า: A12"},
    {EX(CATEGORY), "th", "หมวดหมู่สินค้า"},
    {EX(CATEGORY), "th", "สินค้าทั้งหมด"},
    {EX(DELIVERY), "th", "การจัดส่งสินค้า"},
    {EX(DELIVERY), "th", "ส่งด่วนภายใน 24 ชม."},
    {EX(DELIVERY), "th", "ค่าส่ง 50 บาท"},
    {EX(PAYMENT), "th", "วิธีการชำระเงิน"},
    {EX(PAYMENT), "th", "เก็บเงินปลายทาง"},
    {EX(PAYMENT), "th", "โอนเงินผ่านพร้อมเพย์"},
    {EX(PAYMENT), "th", "ผ่อน 0% 10 เดือน"},
    {EX(RETURNS), "th", "คืนเงิน 100%"},
    {EX(RETURNS), "th", "เปลี่ยนสินค้าได้ภายใน 7 วัน"},
    {EX(CONTACTS), "th", "ช่องทางการติดต่อ"},
    {EX(ADDRESS), "th", "ที่อยู่: 99 ถนนสุขุมวิท แขวงคลองเตย"},
    {EX(ADDRESS), "th", "ถ.สุขุมวิท"},
    {EX(PHONE), "th", "โทร. 02-123-4567"},
    {EX(PHONE), "th", "สายด่วน"},
    {EX(ABOUT), "th", "เกี่ยวกับเรา"},
    {EX(ABOUT), "th", "ข้อมูลบริษัท"},
    {EX(PROMO), "th", "ลดราคา 50%"},
    {EX(PROMO), "th", "ส่วนลดพิเศษ"},
    {EX(PROMO), "th", "โค้ดส่วนลด"},
    {EX(PROMO), "th", "ของแถม"},
    {EX(PROMO), "th", "แฟลชเซลล์"},
    {EX(AVAILABILITY), "th", "ของมีจำนวนจำกัด"},
    {EX(AVAILABILITY), "th", "หรือจนกว่าสินค้าจะหมด"},
    {EX(AVAILABILITY), "th", "ของแถมมีจำนวนจำกัด"},
    {EX(OUT_OF_STOCK), "th", "สินค้าหมด"},
    {EX(OUT_OF_STOCK), "th", "หมดสต็อก"},
    {EX(NEWSLETTER), "th", "สมัครรับข่าวสาร"},
    {EX(NEWSLETTER), "th", "จดหมายข่าว"},
    {EX(LOYALTY), "th", "สะสมคะแนน"},
    {EX(LOYALTY), "th", "บัตรสะสมคะแนน"},
    {EX(LOYALTY), "th", "แนะนำเพื่อน"},
    {EX(REVIEWS), "th", "รีวิวจากลูกค้า"},
    {EX(REVIEWS), "th", "บทวิจารณ์"},
    {EX(LIVE_CHAT), "th", "แชทกับเรา"},
    {EX(LIVE_CHAT), "th", "ติดต่อผ่านไลน์"},
    {EX(SUPPORT), "th", "คำถามที่พบบ่อย"},
    {EX(SUPPORT), "th", "วิธีการสั่งซื้อ"},
    {EX(SUPPORT), "th", "บทความ"},
    {EX(PRICE_ON_REQUEST), "th", "ราคาเริ่มต้น 1,990 บาท"},
    {EX(PRICE_ON_REQUEST), "th", "สอบถามราคา"},
    {EX(OUT_OF_STOCK), NULL, "สินค้าหมดอายุ"},
    {EX(PHONE), NULL, "โทรทัศน์"},
    {EX(CART), NULL, "รถเข็นเด็ก"},
    {EX(DELIVERY), NULL, "ส่งข้อความ"},
    {EX(PROMO), NULL, "บาร์โค้ด"},
    /* el */
    {EX(CART), "el", "Το καλάθι μου"},
    {EX(CART), "el", "ΚΑΛΆΘΙ ΑΓΟΡΏΝ"},
    {EX(BUY), "el", "Αγόρασε τώρα"},
    {EX(BUY), "el", "Στο καλάθι"},
    {EX(BUY), "el", "Παράγγειλε"},
    {EX(BUY), "el", "ΑΓΟΡΑΣΤΕ"},
    {EX(REQUEST_QUOTE), "el", "Ζητήστε προσφορά"},
    {EX(REQUEST_QUOTE), "el", "Αίτημα προσφοράς"},
    {EX(CHECKOUT), "el", "Ολοκλήρωση παραγγελίας"},
    {EX(CHECKOUT), "el", "Ταμείο"},
    {EX(GUEST_CHECKOUT), "el", "Χωρίς εγγραφή"},
    {EX(GUEST_CHECKOUT), "el", "Συνέχεια ως επισκέπτης"},
    {EX(REGISTER), "el", "Σύνδεση"},
    {EX(REGISTER), "el", "Εγγραφή"},
    {EX(PRODUCT), "el", "Κωδικός προϊόντος"},
    {EX(PRODUCT), "el", "Χαρακτηριστικά"},
    {EX(CATEGORY), "el", "Κατηγορίες"},
    {EX(CATEGORY), "el", "Ταξινόμηση"},
    {EX(DELIVERY), "el", "Δωρεάν μεταφορικά"},
    {EX(DELIVERY), "el", "Αποστολή & Πληρωμή"},
    {EX(DELIVERY), "el", "Αποστολή σε 24 ώρες"},
    {EX(DELIVERY), "el", "Παραλαβή από το κατάστημα"},
    {EX(PAYMENT), "el", "Τρόποι πληρωμής"},
    {EX(PAYMENT), "el", "Αντικαταβολή"},
    {EX(PAYMENT), "el", "Άτοκες δόσεις"},
    {EX(RETURNS), "el", "Πολιτική Επιστροφών"},
    {EX(RETURNS), "el", "Επιστροφή χρημάτων"},
    {EX(RETURNS), "el", "Δικαίωμα υπαναχώρησης"},
    {EX(CONTACTS), "el", "Επικοινωνήστε μαζί μας"},
    {EX(ADDRESS), "el", "Διεύθυνση: Οδ. Ερμού 10, Τ.Κ. 105 63"},
    {EX(ADDRESS), "el", "Λεωφ. Κηφισίας"},
    {EX(PHONE), "el", "Τηλ.: 210 1234567"},
    {EX(PHONE), "el", "Τηλέφωνο"},
    {EX(ABOUT), "el", "Σχετικά με εμάς"},
    {EX(ABOUT), "el", "Η Εταιρεία"},
    {EX(PROMO), "el", "Προσφορές"},
    {EX(PROMO), "el", "ΕΚΠΤΩΣΕΙΣ"},
    {EX(PROMO), "el", "Κουπόνι"},
    {EX(AVAILABILITY), "el", "Έως εξάντλησης αποθεμάτων"},
    {EX(AVAILABILITY), "el", "Περιορισμένη ποσότητα"},
    {EX(AVAILABILITY), "el", "ΕΩΣ ΕΞΑΝΤΛΗΣΕΩΣ"},
    {EX(OUT_OF_STOCK), "el", "Εξαντλημένο"},
    {EX(OUT_OF_STOCK), "el", "Μη διαθέσιμο"},
    {EX(NEWSLETTER), "el", "Εγγραφή στο newsletter"},
    {EX(NEWSLETTER), "el", "Ενημερωτικό δελτίο"},
    {EX(LOYALTY), "el", "Πρόγραμμα επιβράβευσης"},
    {EX(LOYALTY), "el", "Κερδίστε πόντους"},
    {EX(REVIEWS), "el", "Κριτικές"},
    {EX(REVIEWS), "el", "Αξιολογήσεις πελατών"},
    {EX(LIVE_CHAT), "el", "Ζωντανή συνομιλία"},
    {EX(SUPPORT), "el", "Συχνές ερωτήσεις"},
    {EX(SUPPORT), "el", "Βοήθεια"},
    {EX(PRICE_ON_REQUEST), "el", "Τιμή κατόπιν επικοινωνίας"},
    {EX(PRICE_ON_REQUEST), "el", "από 29,90 €"},
    {EX(DELIVERY), NULL, "Αποστολή μηνύματος"},
    {EX(REQUEST_QUOTE), "el", "Αποστολή αιτήματος"},
    {EX(CART), NULL, "Καλαθοσφαίριση"},
    /* hy */
    {EX(CART), "hy", "Իմ զամբյուղը"},
    {EX(BUY), "hy", "Գնել հիմա"},
    {EX(BUY), "hy", "Ավելացնել զամբյուղում"},
    {EX(BUY), "hy", "Պատվիրել"},
    {EX(BUY), "hy", "ԳՆԵԼ"},
    {EX(REQUEST_QUOTE), "hy", "Թողնել հայտ"},
    {EX(REQUEST_QUOTE), "hy", "Իմանալ գինը"},
    {EX(CHECKOUT), "hy", "Պատվերի ձևակերպում"},
    {EX(CHECKOUT), "hy", "ՁԵՎԱԿԵՐՊԵԼ ՊԱՏՎԵՐԸ"},
    {EX(GUEST_CHECKOUT), "hy", "Գնել որպես հյուր"},
    {EX(REGISTER), "hy", "Մուտք"},
    {EX(REGISTER), "hy", "Գրանցում"},
    {EX(PRODUCT), "hy", "Նկարագրություն"},
    {EX(PRODUCT), "hy", "Բնութագրեր"},
    {EX(CATEGORY), "hy", "Կատալոգ"},
    {EX(CATEGORY), "hy", "Բոլոր ապրանքները"},
    {EX(DELIVERY), "hy", "Առաքման պայմաններ"},
    {EX(DELIVERY), "hy", "ԱՌԱՔՈՒՄ ԵՎ ՎՃԱՐՈՒՄ"},
    {EX(DELIVERY), "hy", "Առաքվում է 24 ժամում"},
    {EX(PAYMENT), "hy", "Վճարման եղանակներ"},
    {EX(PAYMENT), "hy", "Կանխիկ"},
    {EX(PAYMENT), "hy", "Ապառիկ"},
    {EX(RETURNS), "hy", "Վերադարձ և փոխանակում"},
    {EX(CONTACTS), "hy", "Կոնտակտներ"},
    {EX(CONTACTS), "hy", "Կապվեք մեզ հետ"},
    {EX(CONTACTS), "hy", "ԿԱՊ"},
    {EX(ADDRESS), "hy", "Հասցե՝ ք. Երևան, Աբովյան փ. 1"},
    {EX(PHONE), "hy", "Հեռ.՝ +374 10 123456"},
    {EX(PHONE), "hy", "Հեռախոս"},
    {EX(ABOUT), "hy", "Մեր մասին"},
    {EX(PROMO), "hy", "Զեղչեր"},
    {EX(PROMO), "hy", "Ակցիաներ"},
    {EX(PROMO), "hy", "Հատուկ առաջարկ"},
    {EX(AVAILABILITY), "hy", "Քանակը սահմանափակ է"},
    {EX(AVAILABILITY), "hy", "ՄԻՆՉԵՎ ՊԱՇԱՐԻ ՍՊԱՌՈՒՄԸ"},
    {EX(OUT_OF_STOCK), "hy", "Առկա չէ"},
    {EX(OUT_OF_STOCK), "hy", "Սպառված"},
    {EX(NEWSLETTER), "hy", "Բաժանորդագրվել"},
    {EX(LOYALTY), "hy", "Բոնուսներ"},
    {EX(LOYALTY), "hy", "Կուտակային քարտ"},
    {EX(REVIEWS), "hy", "Կարծիքներ"},
    {EX(LIVE_CHAT), "hy", "Առցանց խորհրդատու"},
    {EX(LIVE_CHAT), "hy", "Հետադարձ զանգ"},
    {EX(SUPPORT), "hy", "Հաճախ տրվող հարցեր"},
    {EX(SUPPORT), "hy", "Օգնություն"},
    {EX(PRICE_ON_REQUEST), "hy", "Գինը՝ ըստ պահանջի"},
    {EX(PRICE_ON_REQUEST), "hy", "5000 դրամից"},
    {EX(REGISTER), NULL, "Իշխանություն"},
    {EX(CONTACTS), NULL, "կապված"},
    {EX(RETURNS), NULL, "Վերադարձ խանութ"},
};

TEST(lexicon_vocabulary_examples_per_language)
{
    for (size_t i = 0; i < sizeof examples / sizeof *examples; i++) {
        const struct example *e = &examples[i];
        struct sa_match m;
        int rc = find(e->c, e->text, &m);
        if (e->lang && (rc != 1 || strcmp(m.lang, e->lang) != 0))
            T_FAIL("%s not found in \"%s\" (%s)", sa_concept_name(e->c), e->text,
                   rc == 1 ? m.lang : "no match");
        if (!e->lang && rc == 1)
            T_FAIL("%s found in \"%s\": \"%.*s\"", sa_concept_name(e->c), e->text, (int)m.len,
                   e->text + m.off);
    }
}

/* ---- language-independent and the engine ---- */

TEST(lexicon_phone_and_email_formats_are_any)
{
    struct sa_match m;
    const char *phones[] = {"8-800-555-35-35",    "1-800-555-1234", "0 800 50 12 34",
                            "+7 (495) 123-45-67", "+66 2 123 4567", "+30 210 1234567",
                            "+374 10 123456",     "02-123-4567",    "8 (495) 123-45-67"};
    for (size_t i = 0; i < sizeof phones / sizeof *phones; i++) {
        if (find(SA_CONCEPT_PHONE, phones[i], &m) != 1) {
            T_FAIL("not a phone: %s", phones[i]);
            continue;
        }
        EXPECT_EQ(m.off, 0);
        EXPECT_EQ(m.len, strlen(phones[i]));
        EXPECT_STREQ(m.lang, "any");
    }
    EXPECT(!says(SA_CONCEPT_PHONE, "Order 2024-01-15, total 1 299.00"));
    const char *t = "Write to shop.info@example.gr today";
    EXPECT_EQ(find(SA_CONCEPT_CONTACTS, t, &m), 1);
    EXPECT_STREQ(m.lang, "any");
    EXPECT_EQ(m.off, strlen("Write to "));
    EXPECT_EQ(m.len, strlen("shop.info@example.gr"));
}

TEST(lexicon_find_from_walks_every_match)
{
    const char *t = "Корзина · ΚΑΛΆΘΙ · cart · ตะกร้า · զամբյուղ";
    const char *langs[] = {"ru", "el", "en", "th", "hy"};
    struct sa_match m;
    size_t at = 0;
    int n = 0;
    while (sa_lexicon_find_from(lex_get(), SA_CONCEPT_CART, t, strlen(t), at, &m) == 1) {
        if (n < 5) EXPECT_STREQ(m.lang, langs[n]);
        n++;
        at = m.off + m.len;
    }
    EXPECT_EQ(n, 5);
    EXPECT_EQ(sa_lexicon_find_from(lex_get(), SA_CONCEPT_CART, t, strlen(t), strlen(t) + 1, &m), 0);
}

TEST(lexicon_invalid_utf8_never_fails_a_match)
{
    const char t[] = "\xff\xfe Корзина \xc3";
    struct sa_match m;
    EXPECT_EQ(sa_lexicon_find(lex_get(), SA_CONCEPT_CART, t, sizeof t - 1, &m), 1);
    EXPECT_EQ(m.off, 3);
    const char g[] = "\xff ΚΑΛΆΘΙ \xce";
    EXPECT_EQ(sa_lexicon_find(lex_get(), SA_CONCEPT_CART, g, sizeof g - 1, &m), 1);
    EXPECT_EQ(m.off, 2);
    EXPECT_EQ(m.len, strlen("ΚΑΛΆΘΙ"));
}

TEST(lexicon_null_and_bad_arguments_are_no_match)
{
    EXPECT_EQ(sa_lexicon_match(NULL, SA_CONCEPT_CART, "cart", 4), 0);
    EXPECT_EQ(sa_lexicon_match(lex_get(), SA_CONCEPT_LAST, "cart", 4), 0);
    EXPECT_EQ(sa_lexicon_match(lex_get(), SA_CONCEPT_CART, NULL, 0), 0);
    EXPECT_EQ(sa_lexicon_url_match(lex_get(), SA_CONCEPT_CART, NULL), 0);
    EXPECT_EQ(sa_lexicon_new(NULL, NULL, NULL, 0), SA_EINVAL);
    sa_lexicon_free(NULL);
}

TEST(lexicon_megabyte_without_match_returns)
{
    size_t n = 1u << 20;
    char *t = malloc(n + 1);
    ASSERT(t);
    const char *unit = "lorem ipsum dolor sit amet ";
    for (size_t i = 0; i < n; i++) t[i] = unit[i % strlen(unit)];
    t[n] = '\0';
    for (int c = 0; c < SA_CONCEPT_LAST; c++)
        EXPECT_EQ(sa_lexicon_find(lex_get(), c, t, n, NULL), 0);
    /* the step budget is per start position: a word at the very end is still found */
    const char *tail[] = {" cart", " корзина", " ΚΑΛΆΘΙ", " ตะกร้า", " զամբյուղ"};
    for (int k = 0; k < 5; k++) {
        char *u = malloc(n + 32);
        ASSERT(u);
        memcpy(u, t, n);
        strcpy(u + n, tail[k]);
        struct sa_match m;
        EXPECT_EQ(sa_lexicon_find(lex_get(), SA_CONCEPT_CART, u, strlen(u), &m), 1);
        EXPECT_EQ(m.off, n + 1);
        free(u);
    }
    memset(t, 'a', n); /* one endless word: e-mail and \w* patterns must not go quadratic */
    EXPECT_EQ(sa_lexicon_find(lex_get(), SA_CONCEPT_CONTACTS, t, n, NULL), 0);
    for (size_t i = 0; i < n; i++) t[i] = "9 -"[i % 3]; /* digits for the phone patterns */
    EXPECT_EQ(sa_lexicon_find(lex_get(), SA_CONCEPT_PHONE, t, n, NULL), 0);
    /* Greek takes the normalising path */
    const char *g = "Ωραίο ύφασμα ";
    for (size_t i = 0, k = strlen(g); i + k < n; i += k) memcpy(t + i, g, k);
    EXPECT_EQ(sa_lexicon_find(lex_get(), SA_CONCEPT_AVAILABILITY, t, strlen(t), NULL), 0);
    free(t);
}

/* ---- URLs ---- */

TEST(lexicon_url_transliterated_slugs)
{
    EXPECT(url_says(SA_CONCEPT_DELIVERY, "https://shop.example/ru/dostavka-i-oplata/"));
    EXPECT(url_says(SA_CONCEPT_PAYMENT, "https://shop.example/ru/dostavka-i-oplata/"));
    EXPECT(url_says(SA_CONCEPT_CART, "/korzina/"));
    EXPECT(url_says(SA_CONCEPT_ABOUT, "/o-kompanii"));
    EXPECT(url_says(SA_CONCEPT_PROMO, "/aktsii/"));
    EXPECT(url_says(SA_CONCEPT_RETURNS, "/vozvrat"));
    EXPECT(url_says(SA_CONCEPT_CONTACTS, "/kontakty/"));
    EXPECT(url_says(SA_CONCEPT_CART, "https://eshop.gr/kalathi"));
    EXPECT(url_says(SA_CONCEPT_DELIVERY, "https://eshop.gr/apostoli-pliromi"));
    EXPECT(url_says(SA_CONCEPT_CONTACTS, "https://eshop.gr/epikoinonia"));
    EXPECT(url_says(SA_CONCEPT_CART, "https://shop.am/hy/zambyugh"));
    EXPECT(url_says(SA_CONCEPT_DELIVERY, "https://shop.am/araqum"));
    EXPECT(url_says(SA_CONCEPT_CONTACTS, "https://shop.am/kap"));
    EXPECT(!url_says(SA_CONCEPT_CONTACTS, "https://shop.am/kapital"));
    EXPECT(url_says(SA_CONCEPT_PRODUCT, "https://shop.example/p/12345"));
    EXPECT(!url_says(SA_CONCEPT_PRODUCT, "https://shop.example/shop/"));
    EXPECT(url_says(SA_CONCEPT_CHECKOUT, "HTTPS://SHOP.EXAMPLE/CHECKOUT"));
}

TEST(lexicon_url_percent_encoded_thai)
{
    /* /ตะกร้าสินค้า and /ติดต่อเรา */
    EXPECT(url_says(SA_CONCEPT_CART, "https://shop.co.th/%E0%B8%95%E0%B8%B0%E0%B8%81%E0%B8%A3"
                                     "%E0%B9%89%E0%B8%B2%E0%B8%AA%E0%B8%B4%E0%B8%99%E0%B8%84%E0%B9"
                                     "%89%E0%B8%B2"));
    EXPECT(url_says(SA_CONCEPT_CONTACTS, "https://shop.co.th/%e0%b8%95%e0%b8%b4%e0%b8%94%e0%b8%95"
                                         "%e0%b9%88%e0%b8%ad%e0%b9%80%e0%b8%a3%e0%b8%b2/"));
    EXPECT(!url_says(SA_CONCEPT_CART, "https://shop.co.th/%E0%B8%95%ZZ"));
}

TEST(lexicon_url_host_and_query_are_ignored)
{
    EXPECT(!url_says(SA_CONCEPT_CART, "https://cart.example.com/login?back=/cart"));
    EXPECT(!url_says(SA_CONCEPT_CART, "https://shop.example/discart"));
    EXPECT(url_says(SA_CONCEPT_CART, "https://shop.example/shopping-cart#top"));
    EXPECT(url_says(SA_CONCEPT_CART, "//shop.example/cart"));
}

TEST_MAIN()
