/** @module English strings of the new-event form's Sora and Discord settings (merged into en.ts). */
export const createEn = {
  'create.sora': 'Sora',
  'create.codec': 'Video codec',
  'create.codecHelp':
    'What the broadcast is sent in. Viewers whose browser cannot decode it are told so before they join.',
  'create.metadata': 'Signaling metadata (JSON)',
  'create.metadataHelp':
    'Sent with every viewer’s connection to Sora, e.g. an access token its authentication webhook checks.',
  'create.metadataJson': 'The metadata is not valid JSON.',
  'create.metadataObject': 'The metadata must be a JSON object: key–value pairs in curly braces.',
  'create.metadataKey': 'Metadata keys are at most {max} characters.',
  'create.soraNeeded': 'A codec or metadata needs the signaling URL and the channel ID too.',
  'create.discord': 'Discord questions',
  'create.discordGuild': 'Server ID',
  'create.discordChannel': 'Channel ID',
  'create.discordHelp':
    'Questions posted in this channel appear on the dashboard (the server needs a Discord bot token). Copy the IDs with Discord’s developer mode on.',
  'create.discordId': 'A Discord ID is digits only (at most 20).',
} as const;
