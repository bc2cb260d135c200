"""The rules Tally ships: a starting set for the HolySheep relay's four models, used while there
is no routing.toml. Written as the file a user would write, with the reasoning beside each rule;
the README's "Routing" section gives the same reasons. rules_file.default_routing() reads it.

Prices are the relay's, in USD per million tokens, input / output: deepseek-chat 0.27 / 0.42,
gemini-2.5-flash 0.15 / 2.50, gpt-4.1 2.00 / 8.00, claude-sonnet-4.5 3.00 / 15.00.
"""

from __future__ import annotations

SHIPPED = """\
# Tally's starting rules for the HolySheep relay. The first rule whose conditions all hold
# picks the model; copy this to routing.toml in the data folder to change it.

# deepseek-chat cannot read images. gemini-2.5-flash can, and is the cheapest of the four
# that can; it comes first, since an image must never reach a model that cannot see it.
[[rule]]
name = "Images"
has_image = true
provider = "holysheep"
model = "gemini-2.5-flash"

# With a long prompt the input is most of the bill, and gemini-2.5-flash has the cheapest
# input of the four ($0.15 against deepseek-chat's $0.27 per million) and a window of a
# million tokens, where deepseek-chat's is 128k.
[[rule]]
name = "Long context"
min_tokens = 30000
provider = "holysheep"
model = "gemini-2.5-flash"

# Code is where a weak answer costs the most time to find out. gpt-4.1 is strong at code
# and follows instructions closely, at two thirds of claude-sonnet-4.5's price; Sonnet
# stays one step up the ladder, for "Try a stronger model".
[[rule]]
name = "Code"
has_code = true
provider = "holysheep"
model = "gpt-4.1"

# Everything else: deepseek-chat answers everyday questions well, in Chinese and in
# English, and its output costs a fifth of the next cheapest's. No conditions: it matches
# every question, so the rules always pick.
[[rule]]
name = "Everything else"
provider = "holysheep"
model = "deepseek-chat"

# What "a stronger model" means, cheapest first (by output price).
[ladder]
models = ["holysheep/deepseek-chat", "holysheep/gemini-2.5-flash", "holysheep/gpt-4.1",
          "holysheep/claude-sonnet-4.5"]
"""
