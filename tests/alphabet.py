"""Characters of every script of the letter, for the property tests.

Shared by the writer's test against msgcat and the line breaker's test
against its reference port, so that both draw from the same text.
"""

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêàçñüößœÉ"
    "абвгдежзийклмнопрстуфхцчшщъыьэюяЁЖЩ"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "\u064b\u064e\u064f\u0650\u0651\u0652" "،؛؟٠١٢٣٤٥٦٧٨٩"
    "กขคงจฉชซญดตถทนบปผพฟมยรลวศษสหอฮ" "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b" "ะาำเแโใไๆฯ๑๒๓"
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年"
    "0123456789"
    ",.;:!?-()[]{}/'&*+=<>@#%$_|~"
    "\u2013\u2014\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026\u00a0\u202f"
    "，。、：；！？「」（）《》"
    '"\\\n\t'
)
