# Writes OUT, a C file holding every DIR/*.json as a byte array, so data files (the lexicon,
# the report's message catalogues) ship inside the binary. Run with cmake -P and
# -DOUT= -DDIR= -DHEADER= (the private header declaring the struct) -DSTRUCT= (its tag) and
# -DARRAY= (the table's name).
file(GLOB files ${DIR}/*.json)
list(SORT files)
file(RELATIVE_PATH from ${CMAKE_CURRENT_LIST_DIR}/.. ${DIR})
set(body "/* Generated from the JSON files of ${from}/ by cmake/embed_json.cmake. Do not edit. */\n")
string(APPEND body "#include \"${HEADER}\"\n\n")
set(table "")
set(i 0)
foreach(f ${files})
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(APPEND body "static const unsigned char blob${i}[] = {${hex}0x00};\n")
  string(APPEND table "    {\"${name}\", blob${i}, ${len}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "\nconst struct ${STRUCT} ${ARRAY}[] = {\n${table}    {0, 0, 0},\n};\n")
file(WRITE ${OUT}.tmp "${body}")
file(RENAME ${OUT}.tmp ${OUT})
