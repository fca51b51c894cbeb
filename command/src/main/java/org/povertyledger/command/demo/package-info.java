/**
 * The demo district: a deterministic generator of the commands that build a Lak-like district (11
 * commune-level units, about 17,000 households, reviews 2021-2025), sent through the normal command path.
 */
package org.povertyledger.command.demo;
