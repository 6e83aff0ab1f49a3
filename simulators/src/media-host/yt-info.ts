import { statSync } from 'node:fs';

export interface HostedVideo {
  /** 11 characters like a YouTube id. */
  id: string;
  title: string;
  channel: string;
  /** `YYYYMMDD` */
  uploadDate: string;
  seconds: number;
  pattern?: 'testsrc' | 'testsrc2' | 'smptebars' | 'rgbtestsrc';
  tone?: number;
  /** The generated MP4 on disk. */
  file: string;
}

export interface HostedPlaylist {
  id: string;
  title: string;
  channel: string;
  videoIds: string[];
}

const VERSION = { version: '2023.03.04', current_git_head: null, release_git_head: '392389b7df7b818f794b231f14687396d8b6c5e0', repository: 'yt-dlp/yt-dlp' };

function channelId(channel: string): string {
  return `UC${Buffer.from(channel).toString('base64url').padEnd(22, 'x').slice(0, 22)}`;
}

function handle(channel: string): string {
  return `@${channel.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** A YouTube-shaped info dict (`yt-dlp -J <video>`) whose format URL points at the media host. */
export function videoInfo(video: HostedVideo, hostUrl: string): Record<string, unknown> {
  const cid = channelId(video.channel);
  const timestamp = Math.floor(Date.parse(`${video.uploadDate.slice(0, 4)}-${video.uploadDate.slice(4, 6)}-${video.uploadDate.slice(6, 8)}T12:00:00Z`) / 1000);
  const size = statSync(video.file).size;
  const watch = `https://www.youtube.com/watch?v=${video.id}`;
  return {
    id: video.id, title: video.title, fulltitle: video.title, display_id: video.id, description: `${video.title}, uploaded by ${video.channel}.`,
    duration: video.seconds, duration_string: `0:${String(video.seconds).padStart(2, '0')}`, upload_date: video.uploadDate, timestamp,
    release_timestamp: null, release_date: null, release_year: null,
    uploader: video.channel, uploader_id: handle(video.channel), uploader_url: `https://www.youtube.com/${handle(video.channel)}`,
    channel: video.channel, channel_id: cid, channel_url: `https://www.youtube.com/channel/${cid}`, channel_follower_count: 1200,
    channel_is_verified: false, view_count: 4321, like_count: 210, comment_count: 12, age_limit: 0, categories: ['Film & Animation'],
    tags: ['medianest', 'test'], availability: 'public', live_status: 'not_live', is_live: false, was_live: false, playable_in_embed: true,
    media_type: 'video', thumbnail: `${hostUrl}/thumbs/${video.id}.png`,
    thumbnails: [{ url: `${hostUrl}/thumbs/${video.id}.png`, preference: -1, id: '0', height: 180, width: 320, resolution: '320x180' }],
    chapters: null, subtitles: {}, automatic_captions: {}, webpage_url: watch, original_url: watch, webpage_url_basename: 'watch',
    webpage_url_domain: 'youtube.com', extractor: 'youtube', extractor_key: 'Youtube', playlist: null, playlist_index: null, _type: 'video',
    formats: [{
      format_id: '18', ext: 'mp4', vcodec: 'avc1.42001E', acodec: 'mp4a.40.2', width: 320, height: 240, fps: 25,
      url: `${hostUrl}/videos/${video.id}.mp4`, protocol: 'http', filesize: size, tbr: Math.round((size * 8) / video.seconds / 10) / 100,
      format: '18 - 320x240 (240p)', format_note: '240p', http_headers: { 'User-Agent': 'Mozilla/5.0' },
    }],
    format_id: '18', format: '18 - 320x240 (240p)', ext: 'mp4', width: 320, height: 240, resolution: '320x240', fps: 25,
    vcodec: 'avc1.42001E', acodec: 'mp4a.40.2', filename: `${video.title} [${video.id}].mp4`, _filename: `${video.title} [${video.id}].mp4`,
    epoch: Math.floor(Date.now() / 1000), _version: VERSION,
  };
}

/** `yt-dlp -J --flat-playlist <playlist>` for a hosted playlist: raw `url` entries, no formats. */
export function flatPlaylistInfo(playlist: HostedPlaylist, videos: HostedVideo[], hostUrl: string): Record<string, unknown> {
  const cid = channelId(playlist.channel);
  const url = `https://www.youtube.com/playlist?list=${playlist.id}`;
  const entries = playlist.videoIds.map((id) => {
    const video = videos.find((v) => v.id === id);
    return {
      _type: 'url', ie_key: 'Youtube', id, url: `https://www.youtube.com/watch?v=${id}`,
      title: video?.title ?? '[Deleted video]', description: null, duration: video?.seconds ?? null,
      channel_id: cid, channel: playlist.channel, channel_url: `https://www.youtube.com/channel/${cid}`,
      uploader: playlist.channel, uploader_id: handle(playlist.channel), uploader_url: `https://www.youtube.com/${handle(playlist.channel)}`,
      thumbnails: [{ url: `${hostUrl}/thumbs/${id}.png`, height: 180, width: 320 }],
      timestamp: null, release_timestamp: null, availability: null, view_count: video ? 4321 : null, live_status: null,
      channel_is_verified: false, __x_forwarded_for_ip: null,
    };
  });
  return {
    id: playlist.id, title: playlist.title, availability: 'public', channel_follower_count: null, description: '', tags: [],
    modified_date: '20240120', view_count: 99, playlist_count: entries.length,
    thumbnails: [{ url: `${hostUrl}/thumbs/${playlist.id}.png`, height: 94, width: 168, id: '0', resolution: '168x94' }],
    channel: playlist.channel, channel_id: cid, channel_url: `https://www.youtube.com/channel/${cid}`,
    uploader: playlist.channel, uploader_id: handle(playlist.channel), uploader_url: `https://www.youtube.com/${handle(playlist.channel)}`,
    _type: 'playlist', entries, extractor_key: 'YoutubeTab', extractor: 'youtube:tab', webpage_url: url, original_url: url,
    webpage_url_basename: 'playlist', webpage_url_domain: 'youtube.com', release_year: null,
    epoch: Math.floor(Date.now() / 1000), _version: VERSION,
  };
}
