/**
 * The demo district: a deterministic generator of the commands that build a Lak-like district (its map and the
 * 2025 reorganisation, 11 commune-level units, about 17,000 households, reviews 2021-2025, the indicator catalogue
 * with targets and reported figures, benefits, the programme's funding and outputs), sent through the normal
 * command path.
 */
package org.povertyledger.command.demo;
